import type { SignInState } from '../auth/EasyAuthCredentials';
import { element } from '../dom/element';

/** Entra mode, no usable token: how the operator signs in with App Service Authentication. */
export function SignInPrompt(state: SignInState, returnPath: string): HTMLElement {
  const login = `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(returnPath)}`;
  const why =
    state === 'noAccessToken'
      ? 'You are signed in, but the token store holds no access token for Longrun: App Service Authentication needs a client secret and a login scope for the Longrun app registration (see the README, "Operations console").'
      : 'Sign in with your Microsoft Entra account; your account needs the Longrun caller role.';
  return element('section', { attrs: { 'aria-labelledby': 'signin-title' } }, element('h1', { id: 'signin-title' }, 'Sign in'), element('p', {}, why), element('p', {}, element('a', { className: 'button', attrs: { href: login } }, 'Sign in with Microsoft Entra ID')));
}
