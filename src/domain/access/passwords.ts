/**
 * A new password someone chooses for themself. Length is what makes a password strong, so it must be
 * at least 12 characters (the National Cyber Security Centre's advice is three random words; composition
 * rules and forced expiry are not used: they lead to weaker, written-down passwords). It may not be the
 * password it replaces or the person's e-mail address, and must be typed the same twice.
 */
import { MAX_PASSWORD, MIN_PASSWORD } from '../records/user.ts';

/** The same limits as a password an administrator sets (../records/user.ts). */
export const PASSWORD_MIN_LENGTH = MIN_PASSWORD;
export const PASSWORD_MAX_LENGTH = MAX_PASSWORD;

export type PasswordChange = { currentPassword: string; newPassword: string; confirmPassword: string };

/** What is wrong with a chosen new password (field and message), or nothing. The current one is checked by the service. */
export function newPasswordProblems(input: PasswordChange, email: string): { field: keyof PasswordChange; message: string }[] {
  const problems: { field: keyof PasswordChange; message: string }[] = [];
  if (!input.currentPassword) problems.push({ field: 'currentPassword', message: 'Enter your current password' });
  const next = input.newPassword;
  if (!next) problems.push({ field: 'newPassword', message: 'Enter a new password' });
  else if (next.length < PASSWORD_MIN_LENGTH) problems.push({ field: 'newPassword', message: `Your new password must be ${PASSWORD_MIN_LENGTH} characters or more` });
  else if (next.length > PASSWORD_MAX_LENGTH) problems.push({ field: 'newPassword', message: `Your new password must be ${PASSWORD_MAX_LENGTH} characters or fewer` });
  else if (next === input.currentPassword) problems.push({ field: 'newPassword', message: 'Your new password must be different from your current password' });
  else if (next.trim().toLowerCase() === email.trim().toLowerCase()) problems.push({ field: 'newPassword', message: 'Your new password must not be your email address' });
  if (next && !problems.some((p) => p.field === 'newPassword') && input.confirmPassword !== next) {
    problems.push({ field: 'confirmPassword', message: 'Enter the same new password twice' });
  }
  return problems;
}
