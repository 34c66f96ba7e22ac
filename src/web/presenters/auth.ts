/** The sign-in page as data. */
import { paths } from '../../http/paths.ts';
import type { Field } from '../forms.ts';
import { PASSWORD_MIN_LENGTH } from '../../domain/access/passwords.ts';

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

/** The form to change one's own password. */
export function passwordPage() {
  const fields: Field[] = [
    { name: 'currentPassword', label: 'Current password', inputType: 'password', autocomplete: 'current-password' },
    {
      name: 'newPassword',
      label: 'New password',
      inputType: 'password',
      autocomplete: 'new-password',
      hint: `At least ${PASSWORD_MIN_LENGTH} characters. Three random words make a strong password that is easy to remember.`,
    },
    { name: 'confirmPassword', label: 'Type the new password again', inputType: 'password', autocomplete: 'new-password' },
  ];
  return {
    title: 'Change your password',
    action: paths.account.password,
    submitText: 'Change password',
    fields,
    warning: 'Changing your password signs you out everywhere else you are signed in.',
  };
}
