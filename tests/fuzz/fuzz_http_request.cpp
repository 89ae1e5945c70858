// libFuzzer target for what the local API reads from a client before any handler runs: the
// incremental HTTP/1.x request parser, fed the input in pieces (as a socket delivers it), then the
// body read as a JSON object with the field readers the handlers use. Each step must succeed or
// refuse with a status and a message; the parser must never keep more than its limits allow.
// Input: byte 0 sets the piece size, the rest is what the client sends.
#include "fuzz_target.h"
#include "server/apierror.h"
#include "server/httprequest.h"
#include "server/jsonfields.h"

#include <QByteArray>
#include <QJsonArray>

namespace {

void readBody(const QByteArray& body)
{
    try {
        const QJsonObject request = jsonfields::parseObject(body);
        (void)jsonfields::string(request, QStringLiteral("model"));
        (void)jsonfields::boolean(request, QStringLiteral("stream"));
        (void)jsonfields::number(request, QStringLiteral("temperature"), 0, 2);
        (void)jsonfields::integer(request, QStringLiteral("max_tokens"), 1, 1 << 20);
        (void)jsonfields::object(request, QStringLiteral("options"));
        (void)jsonfields::stringOrList(request, QStringLiteral("stop"), 4);
    } catch (const ApiError& error) {
        FUZZ_CHECK(error.status >= 400 && error.status < 600);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) { return 0; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    HttpLimits limits;
    limits.maxHeaderBytes = 4096; // small limits, so inputs can reach them
    limits.maxBodyBytes = 16384;
    const qsizetype piece = 1 + data[0] % 64;
    const QByteArray sent(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    HttpRequestParser parser(limits);
    QByteArray buffer;
    for (qsizetype at = 0; at < sent.size(); at += piece) {
        buffer += sent.mid(at, piece);
        HttpRequestParser::State state = parser.feed(buffer);
        if (state == HttpRequestParser::State::HeadersDone)
            state = parser.feed(buffer);
        FUZZ_CHECK(buffer.size() <= limits.maxHeaderBytes + limits.maxBodyBytes + piece);
        if (state == HttpRequestParser::State::Failed) {
            FUZZ_CHECK(parser.errorStatus() >= 400 && parser.errorStatus() < 600);
            FUZZ_CHECK(!parser.errorMessage().isEmpty());
            return 0;
        }
        if (state == HttpRequestParser::State::Complete) {
            const HttpRequest request = parser.takeRequest();
            FUZZ_CHECK(request.path.startsWith('/'));
            FUZZ_CHECK(request.body.size() <= limits.maxBodyBytes);
            readBody(request.body);
            return 0;
        }
    }
    return 0;
}
