// Builds DOM nodes from data without innerHTML, so names and messages from the server are never markup.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, value);
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** Replaces the content of {@code parent}; absent parts (null, false) are left out. */
export function show(parent, ...children) {
  parent.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/** A labelled definition list row, skipped when there is nothing to show. */
export function row(label, ...values) {
  const shown = values.flat().filter((v) => v !== null && v !== undefined && v !== '');
  return shown.length ? [h('dt', {}, label), h('dd', {}, shown)] : [];
}
