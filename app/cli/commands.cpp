// The table of hearth-cli subcommands. Each lives in its own file as `int run<Name>(args)`.
#include "command.h"

int runVersion(const QStringList& args);
int runDevices(const QStringList& args);
int runKernelBench(const QStringList& args);
int runInfo(const QStringList& args);
int runMakeTestModel(const QStringList& args);
int runTokenize(const QStringList& args);
int runConversations(const QStringList& args);
int runChat(const QStringList& args);
int runChatTemplate(const QStringList& args);
int runModels(const QStringList& args);
int runGenerate(const QStringList& args);
int runBench(const QStringList& args);

namespace {
const Command kCommands[] = {
    {"version", "print Hearth's version", runVersion},
    {"devices", "list the Vulkan devices and which one Hearth uses", runDevices},
    {"kernel-bench", "time every GPU kernel: GB/s and GFLOP/s on this device", runKernelBench},
    {"info", "describe a GGUF model file: architecture, size, formats, shape, tokenizer", runInfo},
    {"make-test-model", "write a random-weight model in real shapes, for tests and benchmarks", runMakeTestModel},
    {"tokenize", "print the token ids and pieces of a text", runTokenize},
    {"conversations", "list, show, search, export and import saved conversations", runConversations},
    {"chat", "chat with a model through its chat template (saved unless --no-save)", runChat},
    {"chat-template", "render a conversation with a chat template", runChatTemplate},
    {"models", "list, search, download, import and delete models", runModels},
    {"generate", "continue a prompt with a model (raw completion)", runGenerate},
    {"bench", "measure a model's prompt and generation speed", runBench},
};
} // namespace

QList<Command> allCommands()
{
    return {std::begin(kCommands), std::end(kCommands)};
}

const Command* findCommand(const QString& name)
{
    for (const Command& c : kCommands)
        if (name == QLatin1String(c.name))
            return &c;
    return nullptr;
}
