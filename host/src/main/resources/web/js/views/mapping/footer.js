// The mapping wizard's footer: how many rows wait to be saved, "Accept all suggestions" and "Save and finish".
import { h } from '../../dom.js';

/** The footer's parts; `onSave` and `onAcceptAll` run on their buttons. */
export function wizardFooter(onSave, onAcceptAll) {
  const filledInfo = h('span', { class: 'muted', 'aria-live': 'polite' });
  const saveButton = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'save-mappings', onclick: () => onSave() },
    'Save and finish');
  const message = h('span', { class: 'footer-message', role: 'alert' });
  const acceptAllButton = h('button', { type: 'button', class: 'btn', 'data-action': 'accept-all', onclick: onAcceptAll },
    'Accept all suggestions');
  const element = h('div', { class: 'wizard-footer' }, message, filledInfo, acceptAllButton, saveButton);
  return { element, filledInfo, saveButton, message, acceptAllButton };
}

export function confirmedDrafts(m) {
  return [...m.drafts.values()].filter((d) => d.confirmed);
}

export function updateFilled(m) {
  const n = confirmedDrafts(m).length;
  const waiting = [...m.rowControls.keys()].filter((lid) => m.drafts.get(lid) && !m.drafts.get(lid).confirmed).length;
  m.footer.filledInfo.textContent = n
    ? `${n} row${n === 1 ? '' : 's'} to save${waiting ? ` · ${waiting} suggested, not accepted` : ''}`
    : 'Accept suggestions or edit a row to map it';
  m.footer.saveButton.disabled = n === 0;
  m.footer.acceptAllButton.hidden = waiting === 0;
}
