#pragma once
// `hearth-cli serve` for the API tests: a models folder holding the tiny random-weight model
// ("tiny", ChatML template) and the trained stories260K ("stories260K", sensible text), a
// server on a free loopback port (--port 0, read back from its first line), its log lines, and
// blocking HTTP helpers over QNetworkAccessManager that keep the event loop running.
#include "testdata.h"
#include "waituntil.h"

#include <csignal>
#include <memory>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

struct HttpResult {
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

class ApiTestServer {
  public:
    ApiTestServer()
    {
        QDir().mkpath(m_home.filePath("models"));
        QFile::link(testdataPath("stories260K.gguf"), m_home.filePath("models/stories260K.gguf"));
    }

    ~ApiTestServer() { stop(); }

    QString modelsDir() const { return m_home.filePath("models"); }
    QString dataDir() const { return m_home.filePath("data"); }

    // Writes the tiny model into the models folder (once per folder).
    bool addTinyModel()
    {
        const QString path = m_home.filePath("models/tiny.gguf");
        if (QFile::exists(path))
            return true;
        QProcess make;
        make.start(hearthCli(), {"make-test-model", "--preset", "tiny", "-o", path});
        return make.waitForFinished(60000) && make.exitCode() == 0;
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HEARTH_DATA_DIR", m_home.filePath("data"));
        env.insert("HEARTH_MODELS_DIR", m_home.filePath("models"));
        env.insert("XDG_CONFIG_HOME", m_home.filePath("config"));
        return env;
    }

    // Starts `serve ARGS --port 0` and waits for its "serving ... on http://HOST:PORT" line.
    bool start(const QStringList& args)
    {
        m_out.clear();
        m_baseUrl.clear();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessEnvironment(environment());
        QObject::connect(m_process.get(), &QProcess::readyReadStandardOutput, m_process.get(),
                         [this] { m_out += m_process->readAllStandardOutput(); });
        m_process->start(hearthCli(), QStringList{"serve", "--port", "0"} + args);
        static const QRegularExpression serving("serving .* on (http://[0-9.]+:[0-9]+)");
        const bool up = waitUntil(
            [&] {
                const QRegularExpressionMatch match = serving.match(QString::fromUtf8(m_out));
                if (match.hasMatch())
                    m_baseUrl = match.captured(1);
                return match.hasMatch() || m_process->state() == QProcess::NotRunning;
            },
            60000);
        if (!up || m_baseUrl.isEmpty())
            qWarning() << "serve did not start:" << m_out << m_process->readAllStandardError();
        return up && !m_baseUrl.isEmpty();
    }

    // Ctrl-C; returns the exit code (-1 when it did not exit in time).
    int interrupt()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return -1;
        ::kill(pid_t(m_process->processId()), SIGINT);
        if (!waitUntil([&] { return m_process->state() == QProcess::NotRunning; }, 20000))
            return -1;
        m_out += m_process->readAllStandardOutput();
        return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    }

    // SIGKILL, as a crash or a power cut would end it: nothing in the server runs afterwards.
    void kill()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(m_process->processId()), SIGKILL);
        m_process->waitForFinished(10000);
        m_out += m_process->readAllStandardOutput();
    }

    void stop()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(10000);
        }
    }

    QString url(const QString& path) const { return m_baseUrl + path; }
    QStringList logLines() const { return QString::fromUtf8(m_out).split('\n', Qt::SkipEmptyParts); }
    QByteArray stderrText() const { return m_process ? m_process->readAllStandardError() : QByteArray(); }

    HttpResult request(const QByteArray& method, const QString& path, const QByteArray& body = {},
                       const QList<QPair<QByteArray, QByteArray>>& headers = {}, int timeoutMs = 60000)
    {
        QNetworkRequest request{QUrl(url(path))};
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply* reply = m_network.sendCustomRequest(request, method, body);
        HttpResult result;
        if (!waitUntil([&] { return reply->isFinished(); }, timeoutMs)) {
            reply->abort();
            result.error = QNetworkReply::TimeoutError;
        }
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        for (const auto& [name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
        if (result.error == QNetworkReply::NoError)
            result.error = reply->error();
        reply->deleteLater();
        return result;
    }

    HttpResult post(const QString& path, const QJsonObject& body,
                    const QList<QPair<QByteArray, QByteArray>>& headers = {})
    {
        return request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
    }

    QNetworkAccessManager& network() { return m_network; }

  private:
    QTemporaryDir m_home;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_out;
    QString m_baseUrl;
    QNetworkAccessManager m_network;
};

// The pieces of a server-sent-events body ("data: {...}" events), [DONE] excluded.
inline QList<QJsonObject> sseEvents(const QByteArray& body, bool* sawDone = nullptr)
{
    QList<QJsonObject> events;
    if (sawDone)
        *sawDone = false;
    for (const QByteArray& block : body.split('\n')) {
        if (!block.startsWith("data: "))
            continue;
        const QByteArray data = block.mid(6).trimmed();
        if (data == "[DONE]") {
            if (sawDone)
                *sawDone = true;
            continue;
        }
        events.append(QJsonDocument::fromJson(data).object());
    }
    return events;
}

// Runs curl (for the tests that want a client other than Qt's); returns stdout, or the exit code
// in `code`.
inline QByteArray curl(const QStringList& args, int* code = nullptr)
{
    QProcess process;
    process.start("curl", QStringList{"-sS"} + args);
    process.waitForFinished(60000);
    if (code)
        *code = process.exitCode();
    return process.readAllStandardOutput();
}
