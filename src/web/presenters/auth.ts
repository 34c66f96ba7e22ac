/** The sign-in page as data. */
import { paths } from '../../http/paths.ts';
import type { Field } from '../forms.ts';

export const signInFields: Field[] = [
  { name: 'email', label: 'Email address', inputType: 'email', autocomplete: 'username' },
  { name: 'password', label: 'Password', inputType: 'password', autocomplete: 'current-password' },
];

/** The sign-in form, which returns to `returnTo` afterwards; where demo accounts are allowed, it says so. */
export function signInPage(returnTo: string, allowDemoAccounts: boolean) {
  return {
    title: 'Sign in to Hearth',
    action: `${paths.signIn}?returnTo=${encodeURIComponent(returnTo)}`,
    submitText: 'Sign in',
    fields: signInFields,
    warning: allowDemoAccounts ? 'Demo accounts are listed in the README. They are refused in production.' : undefined,
  };
}
