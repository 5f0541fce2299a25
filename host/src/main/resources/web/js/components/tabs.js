// A tab list (ARIA tabs): one button a tab, arrow keys move between them, the panel is labelled by the selected one.
import { h, replace } from '../dom.js';

/**
 * Draws `tabs` ({state, label}) into `tabList` for `panel`; `counts` maps a tab's state to a number shown beside it
 * (undefined: none); `select(state)` loads a tab and resolves when it is drawn.
 */
export function drawTabs(tabList, panel, { tabs, selected, counts, select }) {
  replace(tabList, tabs.map((t) => h('button', {
    type: 'button',
    role: 'tab',
    id: `tab-${t.state}`,
    'aria-selected': String(t.state === selected),
    'aria-controls': panel.id,
    tabIndex: t.state === selected ? 0 : -1,
    'data-tab': t.state,
    class: 'tab',
    onclick: () => select(t.state),
    onkeydown: (event) => moveWithArrows(event, tabList, tabs, t, select),
  }, t.label, counts[t.state] !== undefined ? h('span', { class: 'tab-count' }, String(counts[t.state])) : null)));
  panel.setAttribute('aria-labelledby', `tab-${selected}`);
}

function moveWithArrows(event, tabList, tabs, tab, select) {
  const i = tabs.indexOf(tab);
  const next = event.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length]
    : event.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : null;
  if (next) {
    event.preventDefault();
    select(next.state).then(() => tabList.querySelector(`[data-tab="${next.state}"]`).focus());
  }
}
