// llama.cpp's perplexity on a text, by the definition `hearth-cli perplexity` uses (llama.cpp's
// own): the text tokenized by llama.cpp with BOS, consecutive windows of CTX tokens each starting
// from BOS, the second half of each scored from the model's probabilities at temperature 1 with
// no filters. Run by perplexity_compare.sh with node-llama-cpp from its cache folder.
// usage: node llama_cpp_perplexity.mjs MODEL.gguf TEXT cpu|vulkan CTX THREADS
import {readFileSync} from "node:fs";
import {getLlama, LlamaLogLevel} from "node-llama-cpp";

const [modelPath, textPath, backend, ctxArg, threads] = process.argv.slice(2);
const ctx = Number(ctxArg);
const llama = await getLlama({gpu: backend === "vulkan" ? "vulkan" : false, build: "never",
                              logLevel: LlamaLogLevel.error});
const model = await llama.loadModel({modelPath, gpuLayers: backend === "vulkan" ? "max" : 0});
const context = await model.createContext({contextSize: ctx, batchSize: ctx, threads: Number(threads), sequences: 1});
const sequence = context.getSequence();
const vocabulary = model.fileInfo.metadata.tokenizer.ggml.tokens.length;
const bos = model.tokens.bos;

let tokens = model.tokenize(readFileSync(textPath, "utf8"));
if (bos != null && model.tokens.shouldPrependBosToken)
    tokens = [bos, ...tokens];
const windows = Math.floor(tokens.length / ctx);
if (windows < 1) {
    console.log(JSON.stringify({error: `the text is ${tokens.length} tokens, shorter than one window of ${ctx}`}));
    process.exit(1);
}
// Raw probabilities: temperature 1 and every filter off.
const raw = {probabilities: true, options: {temperature: 1, topK: vocabulary, topP: 1, minP: 0}};
const first = Math.floor(ctx / 2);
let nll = 0, count = 0;
const start = performance.now();
for (let w = 0; w < windows; ++w) {
    const window = tokens.slice(w * ctx, (w + 1) * ctx);
    if (bos != null && model.tokens.shouldPrependBosToken)
        window[0] = bos;
    await sequence.clearHistory();
    const input = window.map((token, j) => (j >= first && j + 1 < ctx ? [token, {generateNext: raw}] : token));
    const output = await sequence.controlledEvaluate(input);
    for (let j = first; j + 1 < ctx; ++j) {
        const p = output[j]?.next?.probabilities?.get(window[j + 1]) ?? 0;
        nll -= Math.log(Math.max(p, Number.MIN_VALUE));
        ++count;
    }
}
console.log(JSON.stringify({device: backend, tokens: tokens.length, windows, scored_tokens: count,
                            perplexity: Math.exp(nll / count), seconds: (performance.now() - start) / 1000}));
await context.dispose();
await model.dispose();
process.exit(0);
