// The sign-in form and the sign-out button, the same on every page: one place for them.
import { t } from './i18n.js';
import { signIn, signOut, whenSignedOut } from './api.js';
import { errorText } from './ui.js';

const $ = (id) => document.getElementById(id);

/**
 * Wires #sign-in-form and #sign-out. onSignedIn(who) runs after a successful sign-in; onSignedOut()
 * after signing out here or when the server says the session is gone; beforeSubmit() (optional) runs
 * first on each submit (the command page unlocks its sound there, inside the user's gesture).
 */
export function wireSignIn({ onSignedIn, onSignedOut, beforeSubmit }) {
  whenSignedOut(onSignedOut);
  $('sign-in-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (beforeSubmit) beforeSubmit();
    const err = $('sign-in-error');
    err.hidden = true;
    try {
      const who = await signIn($('sign-in-user').value.trim(), $('sign-in-password').value);
      $('sign-in-password').value = '';
      await onSignedIn(who);
    } catch (ex) {
      err.textContent = ex.status === 401 ? t('signin.failed') : errorText(ex);
      err.hidden = false;
    }
  });
  $('sign-out').addEventListener('click', async () => {
    try { await signOut(); } catch (e) { /* signed out here anyway */ }
    onSignedOut();
  });
}
