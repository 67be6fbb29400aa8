// Typed text survives a page reload and a sign-in round trip when the session expires:
// every draft field is copied to sessionStorage as the user types, and cleared once sent.
const PREFIX = 'inbox.draft.';

export function keepDraft(field, key) {
  const saved = sessionStorage.getItem(PREFIX + key);
  if (saved !== null) {
    field.value = saved;
  }
  const save = () => sessionStorage.setItem(PREFIX + key, field.value);
  field.addEventListener('input', save);
  field.addEventListener('change', save);
  return field;
}

export function clearDraft(...keys) {
  for (const key of keys) {
    sessionStorage.removeItem(PREFIX + key);
  }
}
