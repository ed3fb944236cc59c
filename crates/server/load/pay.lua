-- wrk script: POST /api/v1/checkout/{id}/pay once per invoice listed in
-- ids-*.txt (KASSA_LOAD_DIR), each with the 4242 test card. Thread n of
-- KASSA_LOAD_THREADS pays invoices n+1, n+1+threads, … so no invoice is
-- paid twice.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  local dir = os.getenv("KASSA_LOAD_DIR") or "."
  invoices = {}
  for index = 0, 63 do
    local file = io.open(dir .. "/ids-" .. index .. ".txt", "r")
    if file then
      for line in file:lines() do table.insert(invoices, line) end
      file:close()
    end
  end
  step = tonumber(os.getenv("KASSA_LOAD_THREADS") or "1")
  position = id + 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"card":{"number":"4242 4242 4242 4242","expiry":"12/30","cvv":"123","name":"Ada Lovelace"}}'
end

function request()
  local invoice = invoices[position]
  if invoice == nil then
    -- Out of invoices: a cheap request that counts as a non-2xx answer.
    return wrk.format("GET", "/out-of-invoices")
  end
  position = position + step
  return wrk.format(nil, "/api/v1/checkout/" .. invoice .. "/pay")
end

function done(summary, latency, requests)
  io.write(string.format("non_2xx_or_errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
