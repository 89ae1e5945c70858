// Writes the seed corpus of every fuzz target into DIR/<target>/: small valid inputs, made by the
// project's own writers or taken from the shared test data, so each fuzzer starts from files that
// reach deep into its parser. Run with QT_QPA_PLATFORM=offscreen (the PDF writer needs fonts).
#include "fuzz_testdata.h"
#include "documentfixtures.h"
#include "hearth/gguf_writer.h"
#include "hearth/weight_format.h"
#include "storage/conversationexport.h"
#include "storage/conversationstore.h"
#include "storage/database.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QTemporaryDir>

namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void writeSeed(const std::string& dir, const std::string& name, const std::string& bytes)
{
    std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
}

// Prefixed by the byte that picks the mode (vocabulary, format, piece size) in the target.
void writeSeed(const std::string& dir, const std::string& name, char selector, const std::string& bytes)
{
    writeSeed(dir, name, std::string(1, selector) + bytes);
}

std::string bytesOfFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
}

void ggufSeeds(const std::string& dir)
{
    hearth::GgufWriter metadata;
    metadata.set("general.architecture", "llama");
    metadata.set("u8", uint8_t(1));
    metadata.set("i8", int8_t(-1));
    metadata.set("u16", uint16_t(2));
    metadata.set("i16", int16_t(-2));
    metadata.set("u32", uint32_t(3));
    metadata.set("i32", int32_t(-3));
    metadata.set("u64", uint64_t(4));
    metadata.set("i64", int64_t(-4));
    metadata.set("f32", 0.5f);
    metadata.set("f64", 0.25);
    metadata.set("bool", true);
    metadata.set("tokens", std::vector<std::string>{"a", "bc", "<s>"});
    metadata.set("scores", std::vector<float>{0.0f, -1.0f, -2.0f});
    metadata.set("ids", std::vector<int32_t>{1, 2, 3});
    metadata.write(dir + "/metadata.gguf");

    hearth::GgufWriter tensors;
    tensors.set("general.architecture", "llama");
    tensors.set_alignment(64);
    for (uint32_t id = 0; id < 64; ++id) {
        const auto type = hearth::weight_type_from_id(id);
        if (!type)
            continue;
        const int64_t n = hearth::block_elements(*type) == 256 ? 256 : 32;
        std::vector<uint8_t> bytes(hearth::row_bytes(*type, n) * 2);
        for (size_t i = 0; i < bytes.size(); ++i)
            bytes[i] = uint8_t(i * 37 + id);
        tensors.add_tensor(std::string("t.") + hearth::weight_type_name(*type), *type, {n, 2}, bytes);
    }
    tensors.write(dir + "/tensors.gguf");
}

// The test strings of each vocabulary's .inp file, one seed each, for that vocabulary's index.
void tokenizerSeeds(const std::string& dir)
{
    std::vector<fs::path> vocabularies;
    for (const auto& entry : fs::directory_iterator(fuzzTestdataDir() + "/vocab"))
        if (entry.path().extension() == ".gguf")
            vocabularies.push_back(entry.path());
    std::sort(vocabularies.begin(), vocabularies.end()); // the order the target loads them in
    const std::string separator = "\n__ggml_vocab_test__\n";
    for (size_t v = 0; v < vocabularies.size(); ++v) {
        const std::string inputs = readAll(vocabularies[v].string() + ".inp");
        size_t at = 0;
        for (int n = 0; at < inputs.size() && n < 40; ++n) {
            size_t end = inputs.find(separator, at);
            if (end == std::string::npos)
                end = inputs.size();
            writeSeed(dir, "v" + std::to_string(v) + "_" + std::to_string(n), char(v), "\x02" + inputs.substr(at, end - at));
            at = end + separator.size();
        }
    }
}

void chatTemplateSeeds(const std::string& dir)
{
    for (const auto& entry : fs::directory_iterator(fuzzTestdataDir() + "/templates"))
        if (entry.path().extension() == ".jinja")
            writeSeed(dir, entry.path().stem().string(), '\x03', readAll(entry.path()));
}

void jsonSeeds(const std::string& dir)
{
    writeSeed(dir, "empty", "{}");
    writeSeed(dir, "nested", R"({"a": [1, -2.5e3, true, false, null, "\u00e9\n"], "b": {"c": {}}})");
    writeSeed(dir, "unicode", "{\"k\u00e9y\": \"\xc3\xa9\xe2\x82\xac\xf0\x9f\xa6\x99\"}");
    writeSeed(dir, "conversations", readAll(fuzzTestdataDir() + "/templates/conversations.json"));
}

void httpSeeds(const std::string& dir)
{
    const std::string body = R"({"model": "m", "messages": [{"role": "user", "content": "Hi"}], )"
                             R"("stream": true, "temperature": 0.5, "max_tokens": 16, "stop": ["\n", "."]})";
    writeSeed(dir, "chat", '\x07', "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
              "\r\n\r\n" + body);
    writeSeed(dir, "get", '\x00', "GET /v1/models?x=1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    writeSeed(dir, "expect", '\x20', "POST /api/generate HTTP/1.1\r\nExpect: 100-continue\r\n"
              "Content-Length: 27\r\n\r\n{\"options\": {\"stop\": \"x\"}}");
}

void conversationSeeds(const std::string& dir)
{
    QTemporaryDir temp;
    Database db(temp.filePath(QStringLiteral("conversations.db")));
    db.open();
    ConversationStore store(db);
    Conversation init;
    init.title = QStringLiteral("Seed");
    init.systemPrompt = QStringLiteral("Be brief.");
    const Conversation c = store.create(init);
    Message question;
    question.role = Role::User;
    question.content = QStringLiteral("What is a hearth?");
    const Message asked = store.appendMessage(c.id, question);
    Message answer;
    answer.role = Role::Assistant;
    answer.content = QStringLiteral("The floor of a fireplace.");
    store.appendMessage(c.id, answer);
    Message edited = question;
    edited.content = QStringLiteral("What is a hearth, in a house?");
    store.addSibling(asked.id, edited);
    writeSeed(dir, "branches", ConversationExport::toJson(store, {c.id}).toStdString());
}

void documentSeeds(const std::string& dir)
{
    QTemporaryDir temp;
    const QString pdf = temp.filePath(QStringLiteral("a.pdf"));
    fixtures::writeTextPdf(pdf, {QStringLiteral("First page."), QStringLiteral("Second page.")}, QStringLiteral("Seed"));
    writeSeed(dir, "pdf", '\x00', bytesOfFile(pdf));
    writeSeed(dir, "pdf_outline", '\x00',
              fixtures::handWrittenPdf({QStringLiteral("One"), QStringLiteral("Two")}, {{1, QStringLiteral("Intro")}},
                                       QStringLiteral("T"), QStringLiteral("A"))
                  .toStdString());
    const QString docx = temp.filePath(QStringLiteral("a.docx"));
    fixtures::writeDocx(docx, fixtures::docxDocument("<w:p><w:r><w:t>Hello</w:t></w:r></w:p>"));
    writeSeed(dir, "docx", '\x01', bytesOfFile(docx));
    const QString odt = temp.filePath(QStringLiteral("a.odt"));
    fixtures::writeZip(odt, {{QStringLiteral("mimetype"), "application/vnd.oasis.opendocument.text"},
                             {QStringLiteral("content.xml"),
                              "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                              "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
                              "<text:h>Title</text:h><text:p>Body</text:p></office:text></office:body></office:document-content>"}});
    writeSeed(dir, "odt", '\x02', bytesOfFile(odt));
    const QString epub = temp.filePath(QStringLiteral("a.epub"));
    fixtures::writeZip(epub, {{QStringLiteral("mimetype"), "application/epub+zip"},
                              {QStringLiteral("META-INF/container.xml"),
                               "<container><rootfiles><rootfile full-path=\"o.opf\"/></rootfiles></container>"},
                              {QStringLiteral("o.opf"),
                               "<package><manifest><item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/>"
                               "</manifest><spine><itemref idref=\"c\"/></spine></package>"},
                              {QStringLiteral("c.xhtml"), "<html><body><h1>Ch</h1><p>Text</p></body></html>"}});
    writeSeed(dir, "epub", '\x03', bytesOfFile(epub));
    writeSeed(dir, "html", '\x04', "<html><head><title>T</title></head><body><h1>H</h1><p>a&amp;b</p><script>x</script></body></html>");
    writeSeed(dir, "markdown", '\x05', "# Title\n\nSome *text*.\n\n## Two\n\n- a\n");
    writeSeed(dir, "latin1", '\x06', "caf\xe9 na\xefve\n");
    writeSeed(dir, "utf16", '\x06', std::string("\xff\xfeh\0i\0", 6));
}

} // namespace

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_seeds DIR\n");
        return 2;
    }
    const std::string root = argv[1];
    const std::vector<std::pair<std::string, void (*)(const std::string&)>> targets = {
        {"gguf", ggufSeeds},
        {"tokenizer", tokenizerSeeds},
        {"chat_template", chatTemplateSeeds},
        {"json", jsonSeeds},
        {"http_request", httpSeeds},
        {"conversation_import", conversationSeeds},
        {"document", documentSeeds},
    };
    for (const auto& [name, write] : targets) {
        const std::string dir = root + "/" + name;
        fs::create_directories(dir);
        write(dir);
    }
    return 0;
}
