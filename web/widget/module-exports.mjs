
// /widget.mjs is widget.js followed by these lines (kassa-server joins them
// when it is compiled): the same code as an ES module, which learns the Kassa
// origin from its own URL. `Kassa` stays local to the module.
const kassaUrl = new URL(import.meta.url).origin;

/** Places the checkout page of `options.invoice` in `target`; see widget.d.ts. */
export function mount(target, options) {
  return Kassa.mount(target, Object.assign({ kassaUrl }, options));
}

export const version = Kassa.version;

export default { mount, version };
