-- wrk script: POST /api/v1/invoices with the merchant's key (KASSA_LOAD_KEY),
-- writing each created invoice id to ids-<thread>.txt for the pay run.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  local dir = os.getenv("KASSA_LOAD_DIR") or "."
  ids = io.open(dir .. "/ids-" .. id .. ".txt", "w")
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["API-KEY"] = os.getenv("KASSA_LOAD_KEY")
  wrk.body = '{"email":"load@example.com","amount":"15.04","currency":"EUR",' ..
    '"success_url":"https://shop.example/ok","cancel_url":"https://shop.example/cancel",' ..
    '"pending_url":"https://shop.example/pending","failure_url":"https://shop.example/failed",' ..
    '"callbackJson":{"order":1}}'
end

function response(status, headers, body)
  if status == 201 then
    local invoice = body:match('"id":"(inv_[0-9a-f]+)"')
    if invoice then ids:write(invoice, "\n") end
  end
end

function done(summary, latency, requests)
  io.write(string.format("non_2xx_or_errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
