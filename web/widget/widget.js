/*! Kassa checkout widget (Apache-2.0). Places the hosted checkout page in an
 * iframe and reports what happens in it. The card form lives in the iframe,
 * on the Kassa origin: this script never sees card data, and the page sends
 * it nothing but the invoice id, a status and a height. See docs/embedding.md. */
var Kassa = (function () {
  'use strict';

  var VERSION = '1';
  /** The events a handle emits, and the option that registers a handler for each. */
  var OPTION_FOR = {
    ready: 'onReady', success: 'onSuccess', pending: 'onPending',
    failure: 'onFailure', cancel: 'onCancel', resize: 'onResize'
  };
  /** A payment outcome (`status` message) and the event it becomes. */
  var EVENT_FOR = { succeeded: 'success', pending: 'pending', failed: 'failure', canceled: 'cancel' };
  /** What a `ready` message may say the invoice is. */
  var READY_STATUSES = ['open', 'paid', 'expired', 'canceled', 'failed', 'pending', 'not_found'];
  /** Height before the page reports its own, and the most it may ask for. */
  var INITIAL_HEIGHT = 480;
  var MAX_HEIGHT = 10000;

  // Set while a classic script runs (null in a module; widget.mjs passes kassaUrl).
  var script = document.currentScript;
  var scriptOrigin = script && script.src ? new URL(script.src).origin : null;

  function fail(message) {
    throw new TypeError('Kassa.mount: ' + message);
  }

  function originOf(url) {
    var parsed;
    try {
      parsed = new URL(url, location.href);
    } catch (error) {
      fail('kassaUrl is not a URL');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') fail('kassaUrl must be http(s)');
    return parsed.origin;
  }

  /** A URL the top window may be sent to: http(s) only, never `javascript:`. */
  function navigable(url) {
    if (typeof url !== 'string') return null;
    try {
      var parsed = new URL(url);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch (error) {
      return null;
    }
  }

  /** Reports a handler's exception without stopping the other handlers. */
  function report(error) {
    setTimeout(function () { throw error; });
  }

  /**
   * Places the checkout page of `options.invoice` in `target` (a selector or
   * an element) and returns a handle: `on(event, fn)`, `off(event, fn)`,
   * `unmount()`.
   */
  function mount(target, options) {
    options = options || {};
    var element = typeof target === 'string' ? document.querySelector(target) : target;
    if (!element || element.nodeType !== 1) fail('no element for ' + String(target));
    var invoice = options.invoice;
    if (typeof invoice !== 'string' || !/^inv_[0-9A-Za-z]{1,64}$/.test(invoice)) {
      fail('options.invoice must be an invoice id (inv_…)');
    }
    var kassaOrigin = options.kassaUrl ? originOf(options.kassaUrl) : scriptOrigin;
    if (!kassaOrigin) fail('load widget.js from your Kassa server, or pass kassaUrl');
    var redirect = options.redirect == null ? 'if_required' : options.redirect;
    if (redirect !== 'if_required' && redirect !== 'always') {
      fail("options.redirect must be 'if_required' or 'always'");
    }
    var query = '?embed=1&origin=' + encodeURIComponent(location.origin);
    if (options.locale != null) {
      if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(options.locale)) fail('options.locale must be a language tag');
      query += '&locale=' + encodeURIComponent(options.locale);
    }
    var accent = options.appearance && options.appearance.accent;
    if (accent != null) {
      if (!/^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$/.test(accent)) fail('appearance.accent must be a colour like #0a7');
      query += '&accent=' + encodeURIComponent(accent);
    }

    var handlers = {};
    Object.keys(OPTION_FOR).forEach(function (name) {
      handlers[name] = typeof options[OPTION_FOR[name]] === 'function' ? [options[OPTION_FOR[name]]] : [];
    });
    var status = null;

    var frame = document.createElement('iframe');
    frame.src = kassaOrigin + '/pay/' + encodeURIComponent(invoice) + query;
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
    frame.setAttribute('allow', 'payment');
    frame.title = typeof options.title === 'string' ? options.title : 'Secure payment form';
    // Properties, not a style attribute: a page whose CSP has no
    // 'unsafe-inline' in style-src still accepts these.
    frame.style.display = 'block';
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.height = INITIAL_HEIGHT + 'px';

    function emit(name, detail) {
      handlers[name].slice().forEach(function (handler) {
        try {
          handler(detail);
        } catch (error) {
          report(error);
        }
      });
    }

    /** Applies a reported height; false when it is not a usable number. */
    function resize(height) {
      if (typeof height !== 'number' || !isFinite(height) || height < 0) return false;
      frame.style.height = Math.min(Math.ceil(height), MAX_HEIGHT) + 'px';
      return true;
    }

    function onMessage(event) {
      // Only the page in this iframe, on the Kassa origin, about this invoice.
      if (event.origin !== kassaOrigin || event.source !== frame.contentWindow) return;
      var data = event.data;
      if (!data || typeof data !== 'object' || data.source !== 'kassa' || data.invoice !== invoice) return;
      if (data.type === 'ready') {
        if (READY_STATUSES.indexOf(data.status) < 0) return;
        status = data.status;
        resize(data.height);
        emit('ready', { invoice: invoice, status: status, height: data.height });
      } else if (data.type === 'resize') {
        if (resize(data.height)) emit('resize', { invoice: invoice, status: status, height: data.height });
      } else if (data.type === 'status') {
        var name = EVENT_FOR[data.status];
        if (!name) return;
        status = data.status;
        var target = navigable(data.redirect_url);
        var detail = { invoice: invoice, status: status };
        if (target) detail.redirect_url = target;
        emit(name, detail);
        if (redirect === 'always' && target) window.location.assign(target);
      }
    }

    window.addEventListener('message', onMessage);
    element.appendChild(frame);

    var handle = {
      /** The invoice this handle shows. */
      invoice: invoice,
      /** Adds `fn` for `event`; returns the handle. */
      on: function (event, fn) {
        if (!handlers[event]) throw new TypeError('Kassa: no event ' + String(event));
        if (typeof fn !== 'function') throw new TypeError('Kassa: a handler is a function');
        handlers[event].push(fn);
        return handle;
      },
      /** Removes `fn` from `event`; returns the handle. */
      off: function (event, fn) {
        var list = handlers[event] || [];
        var index = list.indexOf(fn);
        if (index >= 0) list.splice(index, 1);
        return handle;
      },
      /** Removes the iframe and every handler. Calling it again does nothing. */
      unmount: function () {
        window.removeEventListener('message', onMessage);
        if (frame.parentNode) frame.parentNode.removeChild(frame);
        Object.keys(handlers).forEach(function (name) { handlers[name] = []; });
      }
    };
    return handle;
  }

  return { mount: mount, version: VERSION };
})();
