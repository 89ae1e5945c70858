// llama.cpp's speed on a GGUF file, measured the way `hearth-cli bench` measures Hearth: a prompt
// of pp random tokens in one batch from an empty cache, then tg tokens decoded one at a time;
// the median over repetitions. Run by compare.sh with node-llama-cpp from its cache folder.
// usage: node llama_cpp_bench.mjs MODEL.gguf cpu|vulkan PP TG REPS THREADS
import {getLlama, LlamaLogLevel} from "node-llama-cpp";

const [modelPath, backend, pp, tg, reps, threads] = process.argv.slice(2);
const [promptTokens, generated, repetitions] = [Number(pp), Number(tg), Number(reps)];

const llama = await getLlama({gpu: backend === "vulkan" ? "vulkan" : false, build: "never",
                              logLevel: LlamaLogLevel.error});
const gpuName = backend === "vulkan" ? (await llama.getGpuDeviceNames()).join(", ") : `CPU, ${threads} threads`;
if (!gpuName) {
    console.log(JSON.stringify({error: "llama.cpp sees no Vulkan device"}));
    process.exit(1);
}
const model = await llama.loadModel({modelPath, gpuLayers: backend === "vulkan" ? "max" : 0});
const context = await model.createContext({contextSize: promptTokens + generated + 8, batchSize: promptTokens,
                                           threads: Number(threads), sequences: 1});
const sequence = context.getSequence();
const vocabulary = model.fileInfo.metadata.tokenizer.ggml.tokens.length;

let seed = 1;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const median = values => {
    const sorted = [...values].sort((a, b) => a - b);
    const n = sorted.length;
    return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
};

const prompt = [], generation = [];
for (let rep = 0; rep < repetitions; ++rep) {
    await sequence.clearHistory();
    const tokens = Array.from({length: promptTokens}, () => Math.floor(random() * vocabulary));
    let start = performance.now();
    await sequence.evaluateWithoutGeneratingNewTokens(tokens);
    prompt.push(promptTokens / ((performance.now() - start) / 1000));
    start = performance.now();
    let count = 0;
    for await (const token of sequence.evaluate([tokens[tokens.length - 1]], {temperature: 0})) {
        void token;
        if (++count >= generated)
            break;
    }
    generation.push(generated / ((performance.now() - start) / 1000));
}
console.log(JSON.stringify({device: gpuName, prompt_tps: median(prompt), gen_tps: median(generation)}));
await context.dispose();
await model.dispose();
process.exit(0);
