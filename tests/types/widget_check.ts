// Type-checks widget.d.ts the way a merchant's TypeScript uses it (`tsc
// --noEmit --strict`, run by `cargo xtask e2e`): the module form, the global
// from the classic script, and what the compiler must refuse.

import widget, { mount, type OutcomeEvent, type ReadyEvent } from '../../web/widget/widget.js';

const handle = mount('#pay', {
  invoice: 'inv_0123',
  locale: 'fr',
  appearance: { accent: '#0a7' },
  redirect: 'if_required',
  onReady: (event: ReadyEvent) => {
    const height: number = event.height;
    console.log(event.invoice, event.status, height);
  },
  onSuccess: (event: OutcomeEvent) => console.log(event.status === 'succeeded', event.redirect_url),
});
handle.on('resize', (event) => console.log(event.height)).on('cancel', (event) => console.log(event.status));
handle.unmount();

const viaGlobal = Kassa.mount(document.body, { invoice: 'inv_0123', redirect: 'always' });
console.log(viaGlobal.invoice, widget.version, Kassa.version);

// @ts-expect-error an unknown redirect mode is refused
mount('#pay', { invoice: 'inv_0123', redirect: 'sometimes' });
// @ts-expect-error the invoice is required
mount('#pay', {});
// @ts-expect-error there is no such event
handle.on('paid', () => {});
