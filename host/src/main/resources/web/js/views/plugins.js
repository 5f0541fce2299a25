// Plugins: every archive of the plugins folder with its state, error and calls; rescan on demand.
import { get, post, isAbort } from '../api.js';
import { h, replace, badge, errorBanner, notify, table, viewHeading } from '../dom.js';

export async function pluginsView(ctx) {
  const notice = h('div', { class: 'notice' });
  const body = h('div');
  const reload = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'reload-plugins', onclick: rescan },
    'Reload');

  replace(ctx.main,
    viewHeading('Plugins', reload),
    h('p', { class: 'lead' },
      'Connectors are plugin archives (.zip or .jar) in the plugins folder of Shoplink. The folder is watched: an '
      + 'archive copied in is started within seconds, a newer version replaces the running one under its syncs, and '
      + 'a removed one is unloaded (its integrations show "Connector missing" until it is back). Reload rescans the '
      + 'folder now.'),
    notice,
    body);

  function draw(items) {
    if (!items.length) {
      replace(body, h('p', { class: 'empty' }, 'The plugins folder holds no archive.'));
      return;
    }
    replace(body, table('Plugins', ['Plugin', 'Version', 'State', 'Calls', 'Error', 'Archive'], items.map((p) => h('tr', null,
      h('td', { class: 'strong' }, p.id),
      h('td', null, p.version || '—'),
      h('td', null, badge(p.state)),
      h('td', null, p.state === 'STARTED' ? String(p.calls) : '—'),
      h('td', null, p.error ? h('span', { class: 'error-text' }, p.error) : h('span', { class: 'muted' }, '—')),
      h('td', null, h('code', { class: 'small' }, p.path))))));
  }

  async function rescan() {
    reload.disabled = true;
    try {
      const r = await post('/plugins/reload', undefined, { signal: ctx.signal });
      notify(notice, 'success', 'Plugins folder rescanned.',
        r.started ? `${r.started} plugin${r.started === 1 ? '' : 's'} started.` : 'No new plugin was started.');
      draw(r.items);
    } catch (e) {
      if (!isAbort(e)) {
        replace(notice, errorBanner(e, 'The plugins folder could not be rescanned.'));
      }
    } finally {
      reload.disabled = false;
    }
  }

  draw((await get('/plugins', undefined, { signal: ctx.signal })).items);
}
