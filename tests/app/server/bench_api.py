#!/usr/bin/env python3
"""Time to first token and tokens/s of `hearth-cli serve` as a client sees them, against what
`hearth-cli generate` reports for the same request (its engine timings, no HTTP).

    tests/app/server/bench_api.py build/bin/hearth-cli ../shared/testdata/stories260K.gguf [runs]

Starts serve on a free port, sends the same streamed /v1/completions request `runs` times (a new
connection each, so no run reuses another's cached prompt), and prints the medians."""
import http.client, json, re, statistics, subprocess, sys, time

cli, model = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
prompt, tokens = "Once upon a time", 128

gen_first, gen_tps = [], []
for _ in range(runs):
    err = subprocess.run([cli, "generate", "-m", model, "-p", prompt, "-n", str(tokens), "--temp", "0"],
                         capture_output=True, text=True, check=True).stderr
    m = re.search(r"(\d+) tokens in [0-9.]+ ms \(([0-9.]+) tok/s\), first token after ([0-9.]+) ms", err)
    gen_tps.append(float(m.group(2)))
    gen_first.append(float(m.group(3)))

server = subprocess.Popen([cli, "serve", "-m", model, "--port", "0"], stdout=subprocess.PIPE, text=True)
port = int(re.search(r":(\d+) ", server.stdout.readline()).group(1))
api_first, api_tps = [], []
body = json.dumps({"prompt": prompt, "max_tokens": tokens, "temperature": 0, "stream": True})
try:
    for _ in range(runs + 1):  # the first warms the server's pipelines up, as generate's load does
        connection = http.client.HTTPConnection("127.0.0.1", port)
        start = time.perf_counter()
        connection.request("POST", "/v1/completions", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        first, pieces = None, 0
        for line in response:
            if line.startswith(b"data: {") and json.loads(line[6:])["choices"][0]["text"]:
                pieces += 1
                if first is None:
                    first = time.perf_counter()
        end = time.perf_counter()
        connection.close()
        api_first.append((first - start) * 1000)
        api_tps.append((pieces - 1) / (end - first))
    # The engine's own speed inside the server (Ollama's eval_count / eval_duration), to tell
    # the HTTP path's cost apart from the engine sharing the cores with it.
    engine_tps = []
    ollama = json.dumps({"prompt": prompt, "raw": True, "stream": False,
                         "options": {"num_predict": tokens, "temperature": 0}})
    for _ in range(runs):
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.request("POST", "/api/generate", ollama, {"Content-Type": "application/json"})
        answer = json.loads(connection.getresponse().read())
        connection.close()
        engine_tps.append(answer["eval_count"] / answer["eval_duration"] * 1e9)
finally:
    server.terminate()
    server.wait()
api_cold_first = api_first[0]
api_first, api_tps = api_first[1:], api_tps[1:]
print(f"generate: first token {statistics.median(gen_first):.1f} ms, {statistics.median(gen_tps):.1f} tok/s")
print(f"serve:    first token {statistics.median(api_first):.1f} ms, {statistics.median(api_tps):.1f} tok/s "
      f"(client side, {runs} runs; the first request after start: {api_cold_first:.1f} ms)")
print(f"serve:    the engine's own generation speed inside it: {statistics.median(engine_tps):.1f} tok/s")
