// Sign-in: paste the admin token once; the host answers with a session cookie for the whole browser.
import { post, setCsrf, ApiError } from '../api.js';
import { h, replace, banner, errorBanner, field } from '../dom.js';

export async function signInView(ctx) {
  const message = ctx.session.message;
  ctx.session.message = null;

  const notice = h('div', { class: 'notice' },
    message ? banner('warning', '', message) : null);
  const input = h('input', {
    type: 'password', name: 'token', autocomplete: 'off', required: true, spellcheck: 'false', class: 'input-wide',
  });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Sign in');

  const form = h('form', { class: 'card signin', novalidate: true },
    field({
      label: 'Admin token',
      control: input,
      id: 'token',
      required: true,
      hint: tokenHint(),
    }),
    h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (!value) {
      replace(notice, banner('error', '', 'Paste the admin token first.'));
      input.focus();
      return;
    }
    submit.disabled = true;
    try {
      const started = await post('/session', undefined, { tokenOverride: value });
      setCsrf(started.csrfToken);
      await ctx.signedIn();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        replace(notice, banner('error', 'Wrong token.', 'The host did not accept this admin token (HTTP 401).'));
      } else {
        replace(notice, errorBanner(e, 'Could not sign in.'));
      }
      input.focus();
    } finally {
      submit.disabled = false;
    }
  });

  replace(ctx.main,
    h('div', { class: 'signin-wrap' },
      h('h1', { tabindex: '-1' }, 'Sign in to Shoplink'),
      h('p', { class: 'lead' }, 'Connect your shops, map their products to your catalog and follow the imported orders.'),
      notice,
      form));
  input.focus();
}

/** Where the admin token is, and what becomes of it. */
function tokenHint() {
  return [
    'Shoplink writes it at its first start to ', h('code', null, 'data/admin-token'), ' in its folder (',
    h('code', null, 'data-demo/admin-token'), ' when started with ', h('code', null, '--demo'), '), unless ',
    h('code', null, 'SHOPLINK_ADMIN_TOKEN'), ' sets it; the start-up log says where it is. '
    + 'The token itself is not kept: it is exchanged for a session cookie (HttpOnly) for this browser, '
    + 'valid in every tab until you sign out, 12 hours pass without use, or the host restarts.',
  ];
}
