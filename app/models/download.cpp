#include "download.h"

#include "core/networkgate.h"
#include "hearth/error.h"
#include "hubclient.h"
#include "modelfile.h"

#include <filesystem>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStorageInfo>
#include <QtConcurrent>

namespace {
constexpr int kMaxRedirects = 10;

struct PartHash {
    std::shared_ptr<QCryptographicHash> hash;
    qint64 bytes = 0;
};

// Hashes what an earlier run left in FILE.part (off the GUI thread: it may be gigabytes).
PartHash hashPart(const QString& path)
{
    PartHash result{std::make_shared<QCryptographicHash>(QCryptographicHash::Sha256), 0};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return result;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n <= 0)
            break;
        result.hash->addData(QByteArrayView(buffer.constData(), n));
        result.bytes += n;
    }
    return result;
}

bool isSha256(const QString& text)
{
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    return hex64.match(text).hasMatch();
}

QString formatBytes(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

bool isRetryableNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::UnknownProxyError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownServerError:
        return true;
    default:
        return false;
    }
}
} // namespace

Download::Download(NetworkGate* network, const QString& targetDir, const DownloadRequest& request,
                   const DownloadPolicy& policy, QObject* parent)
    : QObject(parent), m_network(network), m_targetDir(targetDir), m_request(request), m_policy(policy)
{
    m_request.expectedSha256 = m_request.expectedSha256.toLower();
    if (!m_policy.freeSpace)
        m_policy.freeSpace = [](const QString& folder) { return QStorageInfo(folder).bytesAvailable(); };
    if (m_request.expectedSize >= 0)
        setTotal(m_request.expectedSize, tr("the catalog"));
    m_stallTimer.setSingleShot(true);
    connect(&m_stallTimer, &QTimer::timeout, this, &Download::onStalled);
    connect(m_network, &NetworkGate::offlineChanged, this, &Download::onOfflineChanged);
    m_clock.start();
    const QFileInfo part(partPath());
    if (part.exists())
        m_received = part.size();
}

Download::~Download()
{
    dropReply();
}

QString Download::partPath() const
{
    return QDir(m_targetDir).filePath(m_request.fileName + QStringLiteral(".part"));
}

QString Download::finalPath() const
{
    return QDir(m_targetDir).filePath(m_request.fileName);
}

qint64 Download::etaSeconds() const
{
    if (m_total < 0 || m_speed <= 0)
        return -1;
    return qint64((m_total - m_received) / m_speed + 0.5);
}

void Download::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void Download::requeue()
{
    if (m_state == State::Paused || m_state == State::Failed)
        setState(State::Queued);
}

void Download::start()
{
    if (isActive() || m_state == State::Finished || m_state == State::Cancelled)
        return;
    m_error.clear();
    m_waitingForNetwork = false;
    m_failuresInRow = 0;
    m_samples.clear();
    m_speed = 0;
    setState(State::Running);
    if (!QDir().mkpath(m_targetDir))
        return fail(tr("Could not create the models folder %1.").arg(m_targetDir), false);
    writeSidecar();
    const qint64 partSize = QFileInfo(partPath()).size();
    if (m_hash && partSize == m_received)
        return beginWithPartHashed();
    // An earlier run left a .part: hash it in the background, then resume after it.
    const int generation = ++m_generation;
    auto* watcher = new QFutureWatcher<PartHash>(this);
    connect(watcher, &QFutureWatcher<PartHash>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation || m_state != State::Running)
            return;
        const PartHash result = watcher->result();
        m_hash = result.hash;
        m_received = result.bytes;
        beginWithPartHashed();
    });
    watcher->setFuture(QtConcurrent::run(hashPart, partPath()));
}

void Download::beginWithPartHashed()
{
    m_part.setFileName(partPath());
    if (!m_part.open(QIODevice::ReadWrite) || !m_part.seek(m_received))
        return fail(tr("Could not write %1: %2").arg(partPath(), m_part.errorString()), false);
    if (m_total >= 0 && !checkFreeSpace(m_total - m_received))
        return;
    emit progressChanged();
    sendRequest(m_request.url);
}

void Download::sendRequest(QUrl url)
{
    dropReply();
    if (url == m_request.url)
        m_redirects = 0;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Hearth"));
    // Byte ranges must address the file itself, not a compressed transfer of it.
    request.setRawHeader("Accept-Encoding", "identity");
    if (!m_request.token.isEmpty() && url.host() == m_request.url.host() &&
        url.port() == m_request.url.port())
        request.setRawHeader("Authorization", "Bearer " + m_request.token.toUtf8());
    if (m_received > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_received) + '-');
    m_headersHandled = false;
    m_rangeRestart = false;
    m_redirectTo.clear();
    m_attemptBroughtBytes = false;
    m_reply = m_network->get(request, tr("model download"));
    if (!m_reply)
        return waitForNetwork();
    connect(m_reply, &QNetworkReply::readyRead, this, &Download::readIncoming);
    connect(m_reply, &QNetworkReply::finished, this, &Download::onFinished);
    m_stallTimer.start(m_policy.stallTimeoutMs);
}

void Download::dropReply()
{
    m_stallTimer.stop();
    if (!m_reply)
        return;
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

bool Download::setTotal(qint64 total, const QString& source)
{
    if (total < 0)
        return true;
    if (m_total >= 0 && m_total != total) {
        fail(tr("The server offers %1 bytes for %2, but %3 says %4 bytes: the file changed or is not the "
                "expected one. Nothing was installed.")
                 .arg(total)
                 .arg(m_request.fileName, m_totalSource)
                 .arg(m_total),
             true);
        return false;
    }
    m_total = total;
    m_totalSource = source;
    return true;
}

// Reads the status and headers of the current answer once; false when the download stopped.
bool Download::handleHeaders()
{
    if (m_headersHandled)
        return true;
    m_headersHandled = true;
    QNetworkReply* reply = m_reply;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return true; // no HTTP answer at all: onFinished reports the network error
    // Hugging Face announces the file's size and sha256 on the redirect to its CDN.
    const QByteArray linkedSize = reply->rawHeader("X-Linked-Size");
    if (!linkedSize.isEmpty() &&
        (!setTotal(linkedSize.toLongLong(), tr("the server")) || !checkFreeSpace(m_total - m_received)))
        return false;
    const QString etag = QString::fromLatin1(reply->rawHeader("X-Linked-Etag")).remove(QLatin1Char('"'));
    if (isSha256(etag.toLower()))
        m_linkedEtag = etag.toLower();

    if (status >= 300 && status < 400) {
        // The raw header: Qt's parsed LocationHeader drops relative locations.
        const QUrl location = QUrl::fromEncoded(reply->rawHeader("Location").trimmed());
        if (location.isEmpty() || ++m_redirects > kMaxRedirects) {
            fail(tr("The server sent too many or malformed redirects for %1.").arg(m_request.fileName),
                 false);
            return false;
        }
        m_redirectTo = reply->url().resolved(location);
        return true;
    }
    if (status == 206) {
        static const QRegularExpression range(QStringLiteral("^bytes (\\d+)-(\\d+)/(\\d+|\\*)$"));
        const QRegularExpressionMatch match =
            range.match(QString::fromLatin1(reply->rawHeader("Content-Range")).trimmed());
        if (!match.hasMatch() || match.captured(1).toLongLong() != m_received) {
            m_rangeRestart = true; // not the part we asked for: start over rather than splice
            return true;
        }
        if (match.captured(3) != QLatin1String("*") &&
            !setTotal(match.captured(3).toLongLong(), tr("the server")))
            return false;
    } else if (status == 200) {
        if (m_received > 0) {
            // The server ignored the Range request and sends the whole file: start over.
            m_part.resize(0);
            m_part.seek(0);
            m_hash = std::make_shared<QCryptographicHash>(QCryptographicHash::Sha256);
            m_received = 0;
        }
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && !setTotal(length.toLongLong(), tr("the server")))
            return false;
    }
    if (status >= 200 && status < 300 && m_total >= 0 && !checkFreeSpace(m_total - m_received))
        return false;
    return true;
}

void Download::readIncoming()
{
    if (!m_reply || !handleHeaders() || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = m_reply->readAll();
    if (data.isEmpty() || (status != 200 && status != 206) || m_rangeRestart)
        return; // redirect and error bodies are not the file
    m_stallTimer.start(m_policy.stallTimeoutMs);
    if (m_total >= 0 && m_received + data.size() > m_total)
        return fail(tr("The server sent more data than the %1 bytes announced for %2; the partial file was "
                       "deleted. Try again later.")
                        .arg(m_total)
                        .arg(m_request.fileName),
                    true);
    if (m_part.write(data) != data.size())
        return fail(tr("Could not write %1: %2. The partial download was kept; free some space and resume.")
                        .arg(partPath(), m_part.errorString()),
                    false);
    m_hash->addData(data);
    m_received += data.size();
    m_attemptBroughtBytes = true;
    m_sinceSpaceCheck += data.size();
    if (m_sinceSpaceCheck >= m_policy.spaceCheckIntervalBytes) {
        m_sinceSpaceCheck = 0;
        if (!checkFreeSpace(m_total >= 0 ? m_total - m_received : 0))
            return;
    }
    updateSpeed();
}

void Download::updateSpeed()
{
    const qint64 now = m_clock.elapsed();
    m_samples.emplace_back(now, m_received);
    while (m_samples.size() > 2 && now - m_samples.front().first > 5000)
        m_samples.pop_front();
    const qint64 span = now - m_samples.front().first;
    if (span >= 20)
        m_speed = double(m_received - m_samples.front().second) * 1000.0 / double(span);
    if (now - m_lastProgressMs >= 100 || m_received == m_total) {
        m_lastProgressMs = now;
        emit progressChanged();
    }
}

void Download::onFinished()
{
    if (!m_reply)
        return;
    readIncoming();
    if (!m_reply)
        return; // readIncoming stopped the download
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    m_stallTimer.stop();
    reply->deleteLater();
    m_part.flush();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = reply->error();

    if (m_redirectTo.isValid() && status >= 300 && status < 400)
        return sendRequest(m_redirectTo);
    if (m_rangeRestart) {
        restartFromZero();
        return scheduleRetry(tr("the server answered with a different byte range"));
    }
    if (status == 416) {
        // Range not satisfiable: the .part may already hold the whole file.
        if (m_total >= 0 && m_received == m_total)
            return verifyAndInstall();
        restartFromZero();
        return scheduleRetry(tr("the server refused to resume"));
    }
    if (error == QNetworkReply::NoError && (status == 200 || status == 206)) {
        if (m_total < 0)
            m_total = m_received; // nothing announced a size: the complete answer is the file
        if (m_received == m_total)
            return verifyAndInstall();
        return scheduleRetry(tr("the connection ended after %1 of %2 bytes").arg(m_received).arg(m_total));
    }
    const bool retryable = status >= 500 || status == 408 || status == 429 || isRetryableNetworkError(error);
    const QString message = hubErrorMessage(status, error, reply->errorString(), m_request.id);
    if (retryable)
        return scheduleRetry(message);
    fail(message, false);
}

void Download::onStalled()
{
    if (!m_reply)
        return;
    readIncoming();
    dropReply();
    scheduleRetry(tr("no data arrived for %1 s").arg(m_policy.stallTimeoutMs / 1000.0));
}

void Download::restartFromZero()
{
    m_part.resize(0);
    m_part.seek(0);
    m_hash = std::make_shared<QCryptographicHash>(QCryptographicHash::Sha256);
    m_received = 0;
}

void Download::scheduleRetry(const QString& reason)
{
    if (m_attemptBroughtBytes)
        m_failuresInRow = 0;
    if (++m_failuresInRow > m_policy.maxRetries)
        return fail(tr("%1 (gave up after %2 attempts; the partial download was kept, so it can be resumed).")
                        .arg(reason)
                        .arg(m_failuresInRow),
                    false);
    const qint64 delay =
        qMin<qint64>(qint64(m_policy.retryBaseMs) << qMin(m_failuresInRow - 1, 20), m_policy.retryMaxMs);
    emit retrying(m_failuresInRow, int(delay), reason);
    const int generation = m_generation;
    QTimer::singleShot(int(delay), this, [this, generation] {
        if (generation == m_generation && m_state == State::Running && !m_reply)
            sendRequest(m_request.url); // from the top: CDN links from redirects expire
    });
}

bool Download::checkFreeSpace(qint64 stillNeeded)
{
    const qint64 available = m_policy.freeSpace(m_targetDir);
    if (available < 0 || available >= stillNeeded + m_policy.reserveBytes)
        return true;
    fail(tr("Not enough disk space in %1: %2 needs %3 more, %4 is free. Free some space and try again.")
             .arg(m_targetDir, m_request.fileName, formatBytes(stillNeeded + m_policy.reserveBytes),
                  formatBytes(available)),
         false);
    return false;
}

void Download::verifyAndInstall()
{
    setState(State::Verifying);
    m_part.close();
    m_sha256 = QString::fromLatin1(m_hash->result().toHex());
    const QString expected = !m_request.expectedSha256.isEmpty() ? m_request.expectedSha256 : m_linkedEtag;
    if (!expected.isEmpty() && expected != m_sha256)
        return fail(tr("%1 arrived damaged or is not the published file (sha256 %2, expected %3). It was "
                       "deleted; download it again.")
                        .arg(m_request.fileName, m_sha256, expected),
                    true);
    m_verified = !expected.isEmpty();
    try {
        checkGgufHeader(partPath());
    } catch (const hearth::Error& e) {
        return fail(tr("%1 is not a usable model file (%2). It was deleted.")
                        .arg(m_request.fileName, QString::fromStdString(e.what())),
                    true);
    }
    std::error_code ec;
    std::filesystem::rename(partPath().toStdString(), finalPath().toStdString(), ec);
    if (ec)
        return fail(tr("Could not move the finished download to %1: %2")
                        .arg(finalPath(), QString::fromStdString(ec.message())),
                    false);
    QFile::remove(partPath() + QStringLiteral(".json"));
    setState(State::Finished);
    emit progressChanged();
    emit finished();
}

void Download::fail(const QString& message, bool deletePart)
{
    ++m_generation;
    dropReply();
    m_part.close();
    if (deletePart) {
        removePartFiles();
        m_received = 0;
        m_hash.reset();
    }
    m_error = message;
    setState(State::Failed);
    emit failed(message);
}

void Download::waitForNetwork()
{
    ++m_generation;
    dropReply();
    m_part.close();
    m_waitingForNetwork = true;
    m_error = NetworkGate::offlineMessage();
    setState(State::Paused);
}

void Download::onOfflineChanged(bool offline)
{
    if (offline && (m_state == State::Running || m_state == State::Queued)) {
        if (m_reply)
            readIncoming(); // keep what already arrived
        waitForNetwork();
    } else if (!offline && m_waitingForNetwork && m_state == State::Paused) {
        m_waitingForNetwork = false;
        m_error.clear();
        requeue();
    }
}

void Download::pause()
{
    m_waitingForNetwork = false;
    if (m_state != State::Running && m_state != State::Queued)
        return;
    ++m_generation;
    if (m_reply)
        readIncoming();
    dropReply();
    m_part.close();
    setState(State::Paused);
}

void Download::cancel(bool keepPartial)
{
    if (m_state == State::Finished || m_state == State::Cancelled)
        return;
    ++m_generation;
    dropReply();
    m_part.close();
    if (!keepPartial) {
        removePartFiles();
        m_received = 0;
        m_hash.reset();
    }
    setState(State::Cancelled);
}

void Download::removePartFiles()
{
    QFile::remove(partPath());
    QFile::remove(partPath() + QStringLiteral(".json"));
}

void Download::writeSidecar() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), m_request.id);
    o.insert(QStringLiteral("url"), m_request.url.toString());
    o.insert(QStringLiteral("file"), m_request.fileName);
    o.insert(QStringLiteral("sha256"), m_request.expectedSha256);
    o.insert(QStringLiteral("size"), m_request.expectedSize);
    QSaveFile file(partPath() + QStringLiteral(".json"));
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(o).toJson());
        file.commit();
    }
}

bool Download::readSidecar(const QString& sidecarPath, DownloadRequest* request)
{
    QFile file(sidecarPath);
    if (!file.open(QIODevice::ReadOnly) || file.size() > 65536)
        return false;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    request->id = o.value(QStringLiteral("id")).toString();
    request->url = QUrl(o.value(QStringLiteral("url")).toString());
    request->fileName = o.value(QStringLiteral("file")).toString();
    request->expectedSha256 = o.value(QStringLiteral("sha256")).toString();
    request->expectedSize = o.value(QStringLiteral("size")).toInteger(-1);
    return request->url.isValid() && !request->fileName.isEmpty() &&
           !request->fileName.contains(QLatin1Char('/')) &&
           sidecarPath.endsWith(request->fileName + ".part.json");
}
