// The demo shop's checkout page: mounts the Kassa widget, lists what it
// reports, and polls the shop's own server for the callbacks it verified.
// The widget's events are for the page; the callbacks are the truth.
(function () {
  'use strict';

  var pay = document.getElementById('pay');
  var invoice = pay.getAttribute('data-invoice');
  var widgetEvents = document.getElementById('widget-events');
  var callbacks = document.getElementById('callbacks');
  var result = document.getElementById('result');

  function note(list, text) {
    var item = document.createElement('li');
    item.textContent = text;
    list.appendChild(item);
  }

  function reported(name, message) {
    return function (event) {
      note(widgetEvents, name + ': ' + event.status + (event.height ? ' (' + event.height + ' px)' : ''));
      if (message) result.textContent = message;
    };
  }

  Kassa.mount(pay, {
    invoice: invoice,
    redirect: pay.getAttribute('data-redirect'),
    appearance: { accent: '#0a7d5a' },
    onReady: reported('ready'),
    onSuccess: reported('success', 'Thank you! The payment went through; the order ships once the callback below confirms it.'),
    onPending: reported('pending', 'Your bank is still deciding; the shop will hear from Kassa.'),
    onFailure: reported('failure', 'The payment failed.'),
    onCancel: reported('cancel', 'You canceled the payment.')
  });

  var shown = 0;
  function poll() {
    fetch('/events?invoice=' + encodeURIComponent(invoice))
      .then(function (response) { return response.json(); })
      .then(function (body) {
        body.callbacks.slice(shown).forEach(function (callback) {
          note(callbacks, callback.type + ': invoice ' + callback.invoice_status +
            ' (event ' + callback.event_id + ', signature verified, ' + callback.received_at + ')');
        });
        shown = Math.max(shown, body.callbacks.length);
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
