import { ApiClient } from './api/ApiClient';
import { EasyAuthCredentials } from './auth/EasyAuthCredentials';
import { FunctionKeyCredentials } from './auth/FunctionKeyCredentials';
import { takeFragmentKey } from './auth/takeFragmentKey';
import { element } from './dom/element';
import { Shell } from './Shell';
import { KeyPrompt } from './views/KeyPrompt';
import { SignInPrompt } from './views/SignInPrompt';

// The key in the fragment leaves the address bar before anything else happens.
const fragmentKey = takeFragmentKey(location, history);

function readMeta(name: string): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';
}

const names = { kinds: readMeta('longrun-kinds').split(' ').filter(Boolean), topics: readMeta('longrun-topics').split(' ').filter(Boolean) };
// The API's route prefix: the console is served at <prefix>console.
const base = new URL('.', location.href);
let shell: Shell | undefined;

function start(api: ApiClient): void {
  shell?.unmount();
  shell = new Shell(api, names);
  shell.mount(document.body);
}

function main(): void {
  if (readMeta('longrun-auth') === 'entra') {
    const credentials = new EasyAuthCredentials();
    const api = new ApiClient(base, credentials);
    const signIn = (): void => {
      shell?.unmount();
      shell = undefined;
      document.body.replaceChildren(SignInPrompt(credentials.state, location.pathname));
    };
    api.onSignInNeeded = signIn;
    credentials.headers().then((headers) => (headers ? start(api) : signIn()), signIn);
    return;
  }
  const credentials = new FunctionKeyCredentials(sessionStorage);
  if (fragmentKey) credentials.set(fragmentKey);
  const api = new ApiClient(base, credentials);
  const ask = (reason: string): void => {
    shell?.unmount();
    shell = undefined;
    const prompt = KeyPrompt(reason, (key) => {
      credentials.set(key);
      start(api);
    });
    document.body.replaceChildren(element('main', { id: 'main' }, prompt));
    document.getElementById('function-key')?.focus();
  };
  api.onSignInNeeded = (detail) => ask(detail === undefined ? '' : `The API refused the key${detail ? `: ${detail}` : '.'}`);
  if (credentials.key) start(api);
  else ask('');
}

main();
