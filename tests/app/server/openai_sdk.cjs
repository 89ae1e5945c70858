// Drives `hearth-cli serve` with the real openai npm package, as a user's script would:
// node openai_sdk.cjs NPM_PREFIX BASE_URL prints one JSON object with what it saw.
const path = require('path');
const OpenAI = require(path.join(process.argv[2], 'node_modules', 'openai'));

async function main() {
    const client = new OpenAI({ baseURL: process.argv[3], apiKey: 'unused', maxRetries: 0 });
    const models = [];
    for await (const model of client.models.list())
        models.push(model.id);
    const request = {
        model: 'tiny',
        messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }],
        max_tokens: 16,
        temperature: 0,
    };
    const whole = await client.chat.completions.create(request);
    const stream = await client.chat.completions.create({ ...request, stream: true,
                                                          stream_options: { include_usage: true } });
    let streamed = '';
    let usage = null;
    let finish = null;
    for await (const chunk of stream) {
        if (chunk.usage)
            usage = chunk.usage;
        for (const choice of chunk.choices) {
            streamed += choice.delta.content || '';
            finish = choice.finish_reason || finish;
        }
    }
    let notFound = null;
    try {
        await client.chat.completions.create({ ...request, model: 'no-such-model' });
    } catch (error) {
        notFound = { status: error.status, code: error.code };
    }
    console.log(JSON.stringify({
        models,
        whole: whole.choices[0].message.content,
        wholeFinish: whole.choices[0].finish_reason,
        wholeUsage: whole.usage,
        streamed,
        streamedFinish: finish,
        streamedUsage: usage,
        notFound,
    }));
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
