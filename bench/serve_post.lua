-- wrk script for bench/run_serve_bench.sh: POSTs the JSON body in the environment variable BODY to the
-- route the command line names, and counts every answer that is not 200 as an error.
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["Content-Type"] = "application/json"

local failures = 0
response = function(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("answers not 200: %d\n", failures))
end
