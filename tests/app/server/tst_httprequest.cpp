// HttpRequestParser on its own: requests whole or in pieces down to one byte at a time, the
// fields it reads, and each limit and malformed input answered with its status before more
// than the limits is kept.
#include "server/httprequest.h"

#include <QtTest>

class TestHttpRequest : public QObject {
    Q_OBJECT

    // Feeds `bytes` in pieces of `step` and returns the last state; `rest` gets what is left
    // (in the buffer and not yet fed).
    static HttpRequestParser::State feed(HttpRequestParser& parser, const QByteArray& bytes, int step,
                                         QByteArray* rest = nullptr)
    {
        QByteArray buffer;
        HttpRequestParser::State state = HttpRequestParser::State::NeedMore;
        qsizetype fed = 0;
        while (fed < bytes.size()) {
            buffer += bytes.mid(fed, step);
            fed += step;
            state = parser.feed(buffer);
            if (state == HttpRequestParser::State::Complete || state == HttpRequestParser::State::Failed)
                break;
        }
        if (rest)
            *rest = buffer + bytes.mid(fed);
        return state;
    }

  private slots:
    void readsARequestInAnyPieces_data()
    {
        QTest::addColumn<int>("step");
        QTest::newRow("whole") << 4096;
        QTest::newRow("7 bytes") << 7;
        QTest::newRow("byte by byte") << 1;
    }

    void readsARequestInAnyPieces()
    {
        QFETCH(int, step);
        const QByteArray body = R"({"prompt": "hi"})";
        const QByteArray bytes =
            "\r\nPOST /v1/completions?x=1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            "Content-Length: " +
            QByteArray::number(body.size()) + "\r\nX-Empty:\r\n\r\n" + body + "GET /health HTTP/1.0\r\n\r\n";
        HttpRequestParser parser({});
        QByteArray rest;
        QCOMPARE(feed(parser, bytes, step, &rest), HttpRequestParser::State::Complete);
        const HttpRequest request = parser.takeRequest();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/v1/completions"));
        QCOMPARE(request.query, QByteArray("x=1"));
        QCOMPARE(request.header("content-type"), QByteArray("application/json"));
        QVERIFY(request.headers.contains("x-empty"));
        QCOMPARE(request.body, body);
        QVERIFY(request.keepAlive);
        QVERIFY(!request.http10);

        // What followed is the next request, read from what was left.
        QCOMPARE(parser.feed(rest), HttpRequestParser::State::Complete);
        const HttpRequest next = parser.takeRequest();
        QCOMPARE(next.path, QByteArray("/health"));
        QVERIFY(next.http10);
        QVERIFY(!next.keepAlive); // HTTP/1.0 closes unless it asks for keep-alive
    }

    void headersDoneIsReportedBeforeTheBody()
    {
        HttpRequestParser parser({});
        QByteArray buffer = "POST / HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n";
        QCOMPARE(parser.feed(buffer), HttpRequestParser::State::HeadersDone);
        QCOMPARE(parser.request().header("expect"), QByteArray("100-continue"));
        buffer += "ab";
        QCOMPARE(parser.feed(buffer), HttpRequestParser::State::NeedMore);
        buffer += "cd";
        QCOMPARE(parser.feed(buffer), HttpRequestParser::State::Complete);
        QCOMPARE(parser.takeRequest().body, QByteArray("abcd"));
    }

    void refusesWithTheRightStatus_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::newRow("body over the limit")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1025\r\n\r\n") << 413;
        QTest::newRow("headers over the limit") << "GET / HTTP/1.1\r\nX: " + QByteArray(600, 'a') + "\r\n\r\n"
                                                << 431;
        QTest::newRow("headers over the limit, unfinished")
            << "GET / HTTP/1.1\r\nX: " + QByteArray(600, 'a') << 431;
        QTest::newRow("request line without version") << QByteArray("GET /\r\n\r\n") << 400;
        QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\n") << 400;
        QTest::newRow("absolute URL") << QByteArray("GET http://x/ HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("header without a name") << QByteArray("GET / HTTP/1.1\r\n: x\r\n\r\n") << 400;
        QTest::newRow("length not a number")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 12a\r\n\r\n") << 400;
        QTest::newRow("negative length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
        QTest::newRow("two different lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << 400;
        QTest::newRow("chunked body")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << 411;
    }

    void refusesWithTheRightStatus()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        HttpLimits limits;
        limits.maxHeaderBytes = 512;
        limits.maxBodyBytes = 1024;
        HttpRequestParser parser(limits);
        QCOMPARE(feed(parser, bytes, 4096), HttpRequestParser::State::Failed);
        QCOMPARE(parser.errorStatus(), status);
        QVERIFY(!parser.errorMessage().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHttpRequest)
#include "tst_httprequest.moc"
