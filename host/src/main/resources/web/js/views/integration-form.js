// Add / edit an integration: the connector's credential form plus the setup fields.
// Its parts live in ./integration-form/: setup.js, credentials.js and submit.js, sharing the form state `f`.
import { get, post, patch } from '../api.js';
import { h, replace, banner, clearFieldErrors, isoDay, viewHeading } from '../dom.js';
import { setupControls, setupFields } from './integration-form/setup.js';
import { drawCredentials } from './integration-form/credentials.js';
import { creation, changes, showProblem } from './integration-form/submit.js';

/**
 * @param custom another use of the new-integration form (switch-shop.js): `heading`, `submitLabel`, `intro` (a node
 *   above the form), `prefill` ({ name, customerType, syncStartDate }) and `submit(body)`, which replaces the POST and the navigation.
 */
export async function integrationFormView(ctx, custom) {
  const editing = Boolean(ctx.params.id) && !custom;
  const [connectorPage, integration] = await Promise.all([
    get('/connectors', undefined, { signal: ctx.signal }),
    editing ? get(`/integrations/${ctx.params.id}`, undefined, { signal: ctx.signal }) : Promise.resolve(null),
  ]);
  const connectors = connectorPage.items;
  if (!editing && !connectors.length) {
    noConnector(ctx);
    return;
  }
  const zone = ctx.system.zone;
  const f = {
    ctx, custom, integration, zone,
    today: isoDay(zone),
    earliest: isoDay(zone, -30),
    notice: h('div', { class: 'notice' }),
    controls: {},  // field path → control
  };
  setupControls(f, connectors, custom?.prefill);
  const credentialBox = h('fieldset', { class: 'fieldset' });
  const redraw = () => drawCredentials(credentialBox, f.controls, connectors, f.controls.connector.value, integration);
  f.controls.connector.addEventListener('change', redraw);
  redraw();
  f.form = integrationForm(f, credentialBox);
  replace(ctx.main,
    viewHeading(custom?.heading || (editing ? `Edit ${integration.name}` : 'Add integration')),
    custom?.intro || null,
    f.notice,
    f.form);
}

function noConnector(ctx) {
  replace(ctx.main, viewHeading('Add integration'),
    banner('warning', 'No connector is loaded.',
      'Drop a connector plugin archive into the plugins folder of Shoplink; the Plugins page shows what was found and why a plugin failed.'),
    h('p', null, h('a', { href: '#/plugins' }, 'Open the Plugins page')));
}

function integrationForm(f, credentialBox) {
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' },
    f.custom?.submitLabel || (f.integration ? 'Save changes' : 'Connect shop'));
  const form = h('form', { class: 'card form', novalidate: true },
    setupFields(f),
    credentialBox,
    h('div', { class: 'actions' },
      h('a', { class: 'btn', href: '#/integrations' }, 'Cancel'),
      submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    replace(f.notice);
    const body = f.integration ? changes(f) : creation(f);
    if (f.integration && !Object.keys(body).length) {
      replace(f.notice, banner('info', '', 'Nothing changed.'));
      return;
    }
    submit.disabled = true;
    const label = submit.textContent;
    submit.textContent = 'Checking with the shop…';
    try {
      await send(f, body);
    } catch (e) {
      showProblem(f, e);
    } finally {
      submit.disabled = false;
      submit.textContent = label;
    }
  });
  return form;
}

/** Creates or saves the integration and goes back to the overview (or hands the body to `custom.submit`). */
async function send(f, body) {
  if (f.custom) {
    await f.custom.submit(body);
    return;
  }
  const editing = Boolean(f.integration);
  const saved = editing ? await patch(`/integrations/${f.integration.id}`, body) : await post('/integrations', body);
  f.ctx.session.flash = {
    kind: 'success',
    title: editing ? `${saved.name} is saved.` : `${saved.name} is connected.`,
    detail: editing ? '' : 'Press Synchronize to import its products and orders.',
  };
  f.ctx.navigate('/integrations');
}
