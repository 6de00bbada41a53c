/**
 * Copies text for the user. The async Clipboard API is the first choice; some Office hosts (older
 * WebViews, Excel on the web without focus) refuse it, so a selected off-screen textarea and
 * `execCommand('copy')` is the fallback. Resolves false when neither worked, so the pane can say so.
 */
export async function copyText(textValue: string, doc: Document = document): Promise<boolean> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(textValue);
      return true;
    } catch {
      // Permission refused or no focus: fall through to the textarea.
    }
  }
  const area = doc.createElement('textarea');
  area.value = textValue;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.top = '-1000px';
  area.style.opacity = '0';
  const previous = doc.activeElement as HTMLElement | null;
  doc.body.appendChild(area);
  area.focus();
  area.select();
  let copied = false;
  try {
    copied = typeof doc.execCommand === 'function' && doc.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  previous?.focus?.();
  return copied;
}
