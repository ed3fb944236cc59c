-- wrk script: GET /api/v1/checkout/{id}, what the page asks when it opens,
-- cycling through the invoices listed in ids-*.txt (KASSA_LOAD_DIR).
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
  position = 0
end

function request()
  position = position % #invoices + 1
  return wrk.format("GET", "/api/v1/checkout/" .. invoices[position])
end

function done(summary, latency, requests)
  io.write(string.format("non_2xx_or_errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
