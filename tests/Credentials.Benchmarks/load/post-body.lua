-- wrk script: POST the QR text given in the environment variable BODY_FILE to the verify API.
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "text/plain"

-- Count every answer that is not 200 (wrk counts only socket errors and 4xx/5xx as "non-2xx" on its own line).
local bad = 0
function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end
