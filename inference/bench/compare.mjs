// Hearth and llama.cpp side by side on one GGUF file: for each repetition, in turn, Hearth
// (`hearth-cli bench`), llama.cpp on the CPU and llama.cpp on Vulkan, one run each, so load on the
// machine hits all alike; then the medians and Hearth's ratio to each. Run through compare.sh.
// usage: node compare.mjs HEARTH_CLI MODEL PP_LIST TG REPS THREADS BACKENDS TIMEOUT_S
import {execFileSync} from "node:child_process";
import {basename, dirname, join} from "node:path";
import {fileURLToPath} from "node:url";

const [hearthCli, model, ppList, tg, reps, threads, backends, timeout] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const llamaBench = join(here, "llama_cpp_bench.mjs");
const engines = ["hearth", ...backends.split(",").filter(b => b).map(b => `llama.cpp ${b}`)];

const run = (command, args) => {
    try {
        const out = execFileSync(command, args, {encoding: "utf8", timeout: Number(timeout) * 1000,
                                                  stdio: ["ignore", "pipe", "ignore"]});
        return JSON.parse(out.trim().split("\n").pop());
    } catch (error) {
        return {error: error.killed ? `over ${timeout} s` : "failed"};
    }
};

const median = values => {
    const sorted = values.filter(v => Number.isFinite(v)).sort((a, b) => a - b);
    const n = sorted.length;
    if (!n) return NaN;
    return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
};

const results = {}; // engine -> pp -> {prompt: [], gen: [], device}
for (const engine of engines) results[engine] = {};
for (const pp of ppList.split(",").map(Number)) {
    for (const engine of engines) results[engine][pp] = {prompt: [], gen: [], device: "", error: ""};
    for (let rep = 0; rep < Number(reps); ++rep) {
        for (const engine of engines) {
            const r = engine === "hearth"
                ? run(hearthCli, ["bench", "-m", model, "--pp", String(pp), "--tg", tg, "--reps", "1", "--json"])
                : run(process.execPath, [llamaBench, model, engine.split(" ")[1], String(pp), tg, "1", threads]);
            const slot = results[engine][pp];
            if (r.error) { slot.error = r.error; continue; }
            slot.device = r.device;
            slot.prompt.push(engine === "hearth" ? r.prompt_tps.median : r.prompt_tps);
            slot.gen.push(engine === "hearth" ? r.gen_tps.median : r.gen_tps);
        }
    }
}

const fmt = v => Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : "-";
console.log(`model ${basename(model)}, tg${tg}, medians of ${reps} interleaved runs, llama.cpp with ${threads} threads`);
console.log("| engine | device | " + ppList.split(",").map(pp => `pp${pp} tok/s`).join(" | ") +
            ` | tg${tg} tok/s | Hearth / it (prompt, generation) |`);
console.log("|---|---|" + ppList.split(",").map(() => "---|").join("") + "---|---|");
const firstPp = ppList.split(",")[0];
const hearthPrompt = pp => median(results.hearth[pp].prompt);
const hearthGen = median(results.hearth[firstPp].gen);
for (const engine of engines) {
    const slots = results[engine];
    const gen = median(slots[firstPp].gen);
    const ratios = engine === "hearth" ? "" : ppList.split(",").map(pp => fmt(hearthPrompt(pp) / median(slots[pp].prompt)) + "x").join(", ") +
        `; ${fmt(hearthGen / gen)}x`;
    const device = slots[firstPp].error || slots[firstPp].device;
    console.log(`| ${engine} | ${device} | ` + ppList.split(",").map(pp => fmt(median(slots[pp].prompt))).join(" | ") +
                ` | ${fmt(gen)} | ${ratios} |`);
}
