// hearth-cli models: the installed models and the catalog, Hugging Face search and file lists,
// verified downloads with a progress bar, import and removal.
#include "command.h"
#include "core/datapaths.h"
#include "core/networkgate.h"
#include "core/networksettings.h"
#include "hearth/devices.h"
#include "hearth/error.h"
#include "models/accesstokenstore.h"
#include "models/catalog.h"
#include "models/catalogrefresher.h"
#include "models/downloader.h"
#include "models/fithint.h"
#include "models/hubclient.h"
#include "models/installedmodels.h"
#include "models/modelsconfig.h"

#include <optional>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QSettings>
#include <QTextStream>
#include <unistd.h>

namespace {

const char* kUsage =
    "usage: hearth-cli models <command> [options]\n\n"
    "  list [--catalog] [--json] [--context N] [--device N|NAME]\n"
    "                       installed models (or the catalog) with a memory fit hint per model\n"
    "  search QUERY [--limit N] [--json]\n"
    "                       GGUF repositories on Hugging Face, most downloaded first\n"
    "  files REPO [--json]  the files of a repository with sizes and sha256\n"
    "  pull ID|REPO/FILE    download a catalog model or any GGUF file, verified by sha256\n"
    "  rm ID                delete an installed model (an import made in place, or a model of\n"
    "                       another app, is only forgotten: the file stays)\n"
    "  unforget [PATH]      list the forgotten models of other apps again (all without PATH)\n"
    "  import PATH [--in-place]\n"
    "                       copy a local .gguf into the models folder (or use it where it is)\n"
    "  token [TOKEN|--clear]\n"
    "                       store the Hugging Face access token for gated models (read from stdin\n"
    "                       when not given); HF_TOKEN overrides it\n"
    "  refresh [--url URL]  fetch a newer catalog (settings key models/catalogUrl)\n\n"
    "--offline (or HEARTH_OFFLINE=1, or offline mode switched on in the window) refuses every\n"
    "network request; `hearth-cli network-log` shows the requests made.\n"
    "Models live in HEARTH_MODELS_DIR, else the settings' models/dir, else <data folder>/models\n"
    "(--data-dir DIR or HEARTH_DATA_DIR choose the data folder).\n"
    "HF_ENDPOINT chooses the Hugging Face server (default https://huggingface.co).\n"
    "The models of other apps are listed too, used where they are: the Hugging Face cache\n"
    "(HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub), LM Studio\n"
    "(~/.lmstudio/models, ~/.cache/lm-studio/models) and Ollama (OLLAMA_MODELS, else\n"
    "~/.ollama/models and /usr/share/ollama/.ollama/models); the settings' models/sources/huggingface,\n"
    "models/sources/lmstudio and models/sources/ollama = false leave one out.\n";

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

int usageError(const QString& message)
{
    err() << "hearth-cli models: " << message << " (see hearth-cli models --help)\n";
    return 2;
}

QString bytesText(qint64 bytes)
{
    return bytes < 0 ? QStringLiteral("?")
                     : QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString parametersText(qint64 parameters)
{
    if (parameters <= 0)
        return QStringLiteral("?");
    if (parameters >= 1000000000)
        return QString::number(double(parameters) / 1e9, 'f', 1) + QLatin1Char('B');
    if (parameters >= 1000000)
        return QString::number(double(parameters) / 1e6, 'f', 0) + QLatin1Char('M');
    return QString::number(double(parameters) / 1e3, 'f', 0) + QLatin1Char('K');
}

QString durationText(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("--:--");
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

// Options of the form --name VALUE; the rest are positional.
struct Options {
    QStringList positional;
    QHash<QString, QString> values;
    QSet<QString> flags;
};

std::optional<Options> parseOptions(const QStringList& args, const QStringList& withValue,
                                    const QStringList& flags)
{
    Options o;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (withValue.contains(a)) {
            if (i + 1 >= args.size()) {
                usageError(QStringLiteral("%1 needs a value").arg(a));
                return std::nullopt;
            }
            o.values.insert(a, args[++i]);
        } else if (flags.contains(a)) {
            o.flags.insert(a);
        } else if (a.startsWith(QLatin1String("--"))) {
            usageError(QStringLiteral("unknown option '%1'").arg(a));
            return std::nullopt;
        } else {
            o.positional.append(a);
        }
    }
    return o;
}

struct Context {
    ModelsConfig config;
    NetworkGate network; // every request of this command goes through it
    explicit Context(bool offline) : config(ModelsConfig::load(QSettings())), network(networkLogPath())
    {
        applyNetworkSettings(&network, offline, false);
    }
    QString token() const { return AccessTokenStore(config.configDir).load(); }
};

// The chosen device's memory for fit hints; nullopt when no Vulkan device is here.
std::optional<DeviceMemory> chosenDeviceMemory(const QString& request)
{
    try {
        const std::vector<hearth::DeviceInfo> devices = hearth::list_devices();
        return deviceMemory(hearth::choose_device(devices, request.toStdString()));
    } catch (const hearth::Error&) {
        return std::nullopt;
    }
}

int listInstalled(Context& c, const Options& o)
{
    InstalledModels installed(c.config.modelsDir, c.config.extraFolders, c.config.externalRoots);
    const QList<InstalledModel>& models = installed.scan();
    for (const QString& warning : installed.warnings())
        err() << "warning: " << warning << "\n";
    const int context = o.values.value(QStringLiteral("--context"), QStringLiteral("4096")).toInt();
    const std::optional<DeviceMemory> memory = chosenDeviceMemory(o.values.value(QStringLiteral("--device")));
    const auto fitOf = [&](const InstalledModel& m) -> QString {
        if (!memory || !m.error.isEmpty())
            return {};
        const int ctx = m.info.contextLength > 0 ? qMin(context, m.info.contextLength) : context;
        return fitText(fitHint(estimateMemory(m.info, m.size, ctx).total(), memory->device, memory->host));
    };
    if (o.flags.contains(QStringLiteral("--json"))) {
        QJsonArray array;
        for (const InstalledModel& m : models)
            array.append(QJsonObject{{"id", m.id},
                                     {"name", m.id},
                                     {"path", m.path},
                                     {"source", modelSourceKey(m.source)},
                                     {"size", m.size},
                                     {"architecture", m.info.architecture},
                                     {"modelName", m.info.name},
                                     {"parameters", m.info.parameters},
                                     {"format", m.info.format},
                                     {"contextLength", m.info.contextLength},
                                     {"hasChatTemplate", m.info.hasChatTemplate},
                                     {"inPlace", m.origin == InstalledModel::Origin::Reference},
                                     {"error", m.error},
                                     {"fit", fitOf(m)}});
        out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return 0;
    }
    if (models.isEmpty()) {
        out() << "No models in " << c.config.modelsDir
              << " or the folders of other apps. `hearth-cli models list --catalog` shows what to pull.\n";
        return 0;
    }
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                 .arg(QStringLiteral("ID"), -40)
                 .arg(QStringLiteral("SOURCE"), -12)
                 .arg(QStringLiteral("ARCH"), -10)
                 .arg(QStringLiteral("PARAMS"), 7)
                 .arg(QStringLiteral("FORMAT"), -8)
                 .arg(QStringLiteral("SIZE"), 9)
                 .arg(QStringLiteral("CONTEXT"), 8)
                 .arg(QStringLiteral("FIT"));
    for (const InstalledModel& m : models) {
        if (!m.error.isEmpty()) {
            out() << QStringLiteral("%1 %2 unreadable: %3\n")
                         .arg(m.id, -40)
                         .arg(modelSourceLabel(m.source), -12)
                         .arg(m.error);
            continue;
        }
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8%9\n")
                     .arg(m.id, -40)
                     .arg(modelSourceLabel(m.source), -12)
                     .arg(m.info.architecture, -10)
                     .arg(parametersText(m.info.parameters), 7)
                     .arg(m.info.format, -8)
                     .arg(bytesText(m.size), 9)
                     .arg(m.info.contextLength, 8)
                     .arg(fitOf(m),
                          m.info.hasChatTemplate ? QString() : QStringLiteral(" (no chat template)"));
    }
    out() << "\n" << models.size() << " model(s); Hearth's models folder is " << c.config.modelsDir << "\n";
    return 0;
}

int listCatalog(Context& c, const Options& o)
{
    const Catalog catalog = Catalog::load(c.config.catalogCachePath);
    const std::optional<DeviceMemory> memory = chosenDeviceMemory(o.values.value(QStringLiteral("--device")));
    const auto installedPath = [&](const CatalogEntry& e) {
        return c.config.modelsDir + QLatin1Char('/') + e.file;
    };
    const auto fitOf = [&](const CatalogEntry& e) -> QString {
        const qint64 weights = e.size >= 0 ? e.size : estimateWeightBytes(e.parameters, e.format);
        if (!memory || weights < 0)
            return {};
        return fitText(fitHint(weights + weights / 10, memory->device, memory->host));
    };
    if (o.flags.contains(QStringLiteral("--json"))) {
        QJsonArray array;
        for (const CatalogEntry& e : catalog.entries())
            array.append(QJsonObject{{"id", e.id},
                                     {"name", e.name},
                                     {"family", e.family},
                                     {"architecture", e.architecture},
                                     {"parameters", e.parameters},
                                     {"format", e.format},
                                     {"contextLength", e.contextLength},
                                     {"license", e.license},
                                     {"repo", e.repo},
                                     {"file", e.file},
                                     {"size", e.size >= 0 ? QJsonValue(e.size) : QJsonValue()},
                                     {"sha256", e.sha256.isEmpty() ? QJsonValue() : QJsonValue(e.sha256)},
                                     {"description", e.description},
                                     {"installed", QFileInfo::exists(installedPath(e))},
                                     {"fit", fitOf(e)}});
        out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return 0;
    }
    for (const CatalogEntry& e : catalog.entries())
        out() << QStringLiteral("%1 %2 %3 %4 %5%6\n    %7\n")
                     .arg(e.id, -40)
                     .arg(parametersText(e.parameters), 6)
                     .arg(e.format, -7)
                     .arg(e.license, -14)
                     .arg(fitOf(e),
                          QFileInfo::exists(installedPath(e)) ? QStringLiteral("  [installed]") : QString())
                     .arg(e.description);
    return 0;
}

int search(Context& c, const Options& o)
{
    if (o.positional.size() != 1)
        return usageError(QStringLiteral("search takes one QUERY"));
    HubClient hub(&c.network, c.config.hubEndpoint, c.token());
    QEventLoop loop;
    QList<HubRepo> repos;
    QString error;
    hub.search(o.positional[0], o.values.value(QStringLiteral("--limit"), QStringLiteral("20")).toInt(),
               [&](const QList<HubRepo>& r, const QString& e) {
                   repos = r;
                   error = e;
                   loop.quit();
               });
    loop.exec();
    if (!error.isEmpty())
        throw hearth::Error(error.toStdString());
    if (o.flags.contains(QStringLiteral("--json"))) {
        QJsonArray array;
        for (const HubRepo& r : repos)
            array.append(QJsonObject{
                {"id", r.id}, {"downloads", r.downloads}, {"likes", r.likes}, {"gated", r.gated}});
        out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return 0;
    }
    if (repos.isEmpty())
        out() << "No GGUF repositories match \"" << o.positional[0] << "\".\n";
    for (const HubRepo& r : repos)
        out() << QStringLiteral("%1 %2 downloads %3 likes%4\n")
                     .arg(r.id, -60)
                     .arg(r.downloads, 10)
                     .arg(r.likes, 6)
                     .arg(r.gated ? QStringLiteral("  (gated: needs a token)") : QString());
    return 0;
}

// The files of a repository, or an error message.
QList<HubFile> listFiles(Context& c, const QString& repo, QString* error)
{
    HubClient hub(&c.network, c.config.hubEndpoint, c.token());
    QEventLoop loop;
    QList<HubFile> files;
    hub.listFiles(repo, [&](const QList<HubFile>& f, const QString& e) {
        files = f;
        *error = e;
        loop.quit();
    });
    loop.exec();
    return files;
}

int files(Context& c, const Options& o)
{
    if (o.positional.size() != 1)
        return usageError(QStringLiteral("files takes one REPO (owner/name)"));
    QString error;
    const QList<HubFile> files = listFiles(c, o.positional[0], &error);
    if (!error.isEmpty())
        throw hearth::Error(error.toStdString());
    if (o.flags.contains(QStringLiteral("--json"))) {
        QJsonArray array;
        for (const HubFile& f : files)
            array.append(QJsonObject{{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}});
        out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return 0;
    }
    for (const HubFile& f : files) {
        const bool gguf = f.path.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive);
        out() << QStringLiteral("%1 %2  %3\n")
                     .arg(gguf ? o.positional[0] + QLatin1Char('/') + f.path : f.path, -70)
                     .arg(bytesText(f.size), 9)
                     .arg(f.sha256.isEmpty() ? QStringLiteral("-") : f.sha256.left(16));
    }
    return 0;
}

// Draws the download's progress: a redrawn bar on a terminal, a line every few seconds otherwise.
class ProgressPrinter {
  public:
    explicit ProgressPrinter(const Download* d) : m_download(d), m_tty(isatty(STDERR_FILENO))
    {
        m_clock.start();
    }

    void update(bool force = false)
    {
        const qint64 received = m_download->receivedBytes();
        const qint64 total = m_download->totalBytes();
        const int percent = total > 0 ? int(received * 100 / total) : 0;
        const QString numbers =
            QStringLiteral("%1 / %2  %3/s  ETA %4")
                .arg(bytesText(received), bytesText(total), bytesText(qint64(m_download->bytesPerSecond())),
                     durationText(m_download->etaSeconds()));
        if (m_tty) {
            if (!force && m_clock.elapsed() - m_lastMs < 100)
                return;
            constexpr int width = 30;
            const int filled = percent * width / 100;
            err() << "\r[" << QString(filled, QLatin1Char('#')) << QString(width - filled, QLatin1Char('.'))
                  << "] " << QStringLiteral("%1%").arg(percent, 3) << "  " << numbers << "   " << Qt::flush;
        } else {
            if (!force && m_clock.elapsed() - m_lastMs < 2000 && percent < m_lastPercent + 10)
                return;
            m_lastPercent = percent;
            err() << m_download->request().fileName << ": " << percent << "% " << numbers << "\n"
                  << Qt::flush;
        }
        m_lastMs = m_clock.elapsed();
    }

    void endLine()
    {
        if (m_tty)
            err() << "\n";
    }

  private:
    const Download* m_download;
    bool m_tty;
    QElapsedTimer m_clock;
    qint64 m_lastMs = -100000;
    int m_lastPercent = -100;
};

int pull(Context& c, const Options& o)
{
    if (o.positional.size() != 1)
        return usageError(QStringLiteral("pull takes one catalog ID or REPO/FILE"));
    const QString spec = o.positional[0];
    const Catalog catalog = Catalog::load(c.config.catalogCachePath);
    DownloadRequest request;
    request.id = spec;
    QString repo, file;
    if (const CatalogEntry* e = catalog.find(spec)) {
        repo = e->repo;
        file = e->file;
        request.expectedSha256 = e->sha256;
        request.expectedSize = e->size;
    } else if (splitRepoFile(spec, &repo, &file)) {
        if (!file.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive))
            throw hearth::Error(QStringLiteral("%1 is not a .gguf file").arg(file).toStdString());
        // The listing's LFS sha256 verifies the file even where the server sends no X-Linked-Etag.
        QString error;
        for (const HubFile& f : listFiles(c, repo, &error))
            if (f.path == file) {
                request.expectedSha256 = f.sha256;
                request.expectedSize = f.size;
            }
    } else {
        throw hearth::Error(
            QStringLiteral("\"%1\" is neither a catalog id (hearth-cli models list --catalog) nor "
                           "REPO/FILE like bartowski/Llama-3.2-1B-Instruct-GGUF/"
                           "Llama-3.2-1B-Instruct-Q4_K_M.gguf")
                .arg(spec)
                .toStdString());
    }
    HubClient hub(&c.network, c.config.hubEndpoint, c.token());
    request.url = hub.fileUrl(repo, file);
    request.fileName = QFileInfo(file).fileName();
    request.token = hub.token();
    const QString finalPath = c.config.modelsDir + QLatin1Char('/') + request.fileName;
    if (QFileInfo::exists(finalPath)) {
        out() << request.fileName << " is already installed: " << finalPath << "\n";
        return 0;
    }

    DownloadPolicy policy;
    policy.retryBaseMs = c.config.retryBaseMs;
    Downloader downloader(&c.network, c.config.modelsDir, policy, 1);
    Download* download = downloader.enqueue(request);
    ProgressPrinter progress(download);
    err() << "Downloading " << repo << "/" << file << " to " << c.config.modelsDir << "\n";
    if (download->receivedBytes() > 0)
        err() << "Resuming after " << bytesText(download->receivedBytes()) << " already downloaded\n";
    QEventLoop loop;
    QObject::connect(download, &Download::progressChanged, &loop, [&] { progress.update(); });
    QObject::connect(
        download, &Download::retrying, &loop, [&](int attempt, int delayMs, const QString& reason) {
            progress.endLine();
            err() << "  " << reason << "; retrying in " << QString::number(delayMs / 1000.0, 'f', 1)
                  << " s (attempt " << attempt << ")\n";
        });
    QObject::connect(download, &Download::stateChanged, &loop, [&](Download::State state) {
        if (download->waitingForNetwork()) {
            loop.quit();
        } else if (state == Download::State::Verifying) {
            progress.update(true);
            progress.endLine();
            err() << "Verifying...\n";
        } else if (state == Download::State::Finished || state == Download::State::Failed) {
            loop.quit();
        }
    });
    if (download->state() != Download::State::Finished && download->state() != Download::State::Failed &&
        !download->waitingForNetwork())
        loop.exec();
    if (download->state() == Download::State::Failed || download->waitingForNetwork()) {
        progress.endLine();
        throw hearth::Error(download->errorString().toStdString());
    }
    if (download->verified())
        out() << "sha256 verified: " << download->sha256() << "\n";
    else
        out() << "sha256 " << download->sha256() << " (no published checksum to compare with)\n";
    out() << "Installed " << download->finalPath() << "\n";
    return 0;
}

int remove(Context& c, const Options& o)
{
    if (o.positional.size() != 1)
        return usageError(QStringLiteral("rm takes one model ID"));
    InstalledModels installed(c.config.modelsDir, c.config.extraFolders, c.config.externalRoots);
    installed.scan();
    QString id = o.positional[0];
    if (!installed.find(id))
        if (const CatalogEntry* e = Catalog::load(c.config.catalogCachePath).find(id))
            id = e->file;
    const InstalledModel* model = installed.find(id);
    const bool inPlace = model && model->origin == InstalledModel::Origin::Reference;
    const bool external = model && model->origin == InstalledModel::Origin::External;
    const QString path = model ? model->path : QString();
    const QString source = model ? modelSourceLabel(model->source) : QString();
    installed.remove(id);
    if (external)
        out() << "Forgot " << path << " (" << source
              << "'s file stays; `hearth-cli models unforget` lists it again)\n";
    else
        out() << (inPlace ? "Forgot " : "Deleted ") << path << "\n";
    return 0;
}

int unforget(Context& c, const Options& o)
{
    if (o.positional.size() > 1)
        return usageError(QStringLiteral("unforget takes at most one PATH"));
    InstalledModels installed(c.config.modelsDir, c.config.extraFolders, c.config.externalRoots);
    installed.scan();
    const QStringList forgotten = installed.forgotten();
    const QStringList paths = o.positional.isEmpty() ? forgotten : o.positional;
    for (const QString& path : paths) {
        if (!forgotten.contains(QFileInfo(path).absoluteFilePath()))
            throw hearth::Error(QStringLiteral("%1 was not forgotten").arg(path).toStdString());
        installed.remember(path);
        out() << "Listed again: " << QFileInfo(path).absoluteFilePath() << "\n";
    }
    if (paths.isEmpty())
        out() << "No model was forgotten.\n";
    return 0;
}

int import(Context& c, const Options& o)
{
    if (o.positional.size() != 1)
        return usageError(QStringLiteral("import takes one PATH"));
    InstalledModels installed(c.config.modelsDir, c.config.extraFolders, c.config.externalRoots);
    installed.scan();
    const bool inPlace = o.flags.contains(QStringLiteral("--in-place"));
    const bool tty = isatty(STDERR_FILENO);
    const InstalledModel m = installed.importFile(
        o.positional[0], inPlace ? InstalledModels::ImportMode::Reference : InstalledModels::ImportMode::Copy,
        [tty](qint64 done, qint64 total) {
            if (tty)
                err() << "\rCopying " << (total > 0 ? done * 100 / total : 100) << "%" << Qt::flush;
            return true;
        });
    if (tty && !inPlace)
        err() << "\n";
    out() << "Imported " << m.id << " (" << m.info.architecture << ", " << parametersText(m.info.parameters)
          << ", " << m.info.format << ") at " << m.path << "\n";
    return 0;
}

int token(Context& c, const Options& o)
{
    AccessTokenStore store(c.config.configDir);
    if (o.flags.contains(QStringLiteral("--clear"))) {
        store.clear();
        out() << "Removed the stored access token.\n";
        return 0;
    }
    QString value = o.positional.value(0);
    if (value.isEmpty()) {
        err() << "Paste your Hugging Face access token and press Enter:\n";
        value = QTextStream(stdin).readLine();
    }
    store.save(value);
    out() << "Saved the access token to " << store.filePath() << " (readable by you only).\n";
    return 0;
}

int refresh(Context& c, const Options& o)
{
    const QUrl url = o.values.contains(QStringLiteral("--url"))
                         ? QUrl(o.values.value(QStringLiteral("--url")))
                         : c.config.catalogUrl;
    CatalogRefresher refresher(&c.network, url, c.config.catalogCachePath);
    QEventLoop loop;
    QString error;
    int count = 0;
    QObject::connect(&refresher, &CatalogRefresher::refreshed, &loop, [&](int n) {
        count = n;
        loop.quit();
    });
    QObject::connect(&refresher, &CatalogRefresher::failed, &loop, [&](const QString& e) {
        error = e;
        loop.quit();
    });
    refresher.refresh();
    if (error.isEmpty() && count == 0)
        loop.exec();
    if (!error.isEmpty())
        throw hearth::Error(error.toStdString());
    out() << "The catalog now lists " << count << " models.\n";
    return 0;
}

} // namespace

int runModels(const QStringList& args)
{
    if (args.isEmpty() || args[0] == QLatin1String("--help") || args[0] == QLatin1String("help")) {
        out() << kUsage;
        return args.isEmpty() ? 2 : 0;
    }
    if (args.contains(QLatin1String("--help"))) {
        out() << kUsage;
        return 0;
    }
    const QString command = args[0];
    QStringList rest = args.mid(1);
    if (!DataPaths::takeDataDirOption(rest))
        return usageError(QStringLiteral("--data-dir needs a folder"));
    const QStringList valueOptions = {QStringLiteral("--limit"), QStringLiteral("--context"),
                                      QStringLiteral("--device"), QStringLiteral("--url")};
    const QStringList flagOptions = {QStringLiteral("--catalog"), QStringLiteral("--json"),
                                     QStringLiteral("--in-place"), QStringLiteral("--clear"),
                                     QStringLiteral("--offline")};
    const std::optional<Options> options = parseOptions(rest, valueOptions, flagOptions);
    if (!options)
        return 2;
    Context context(options->flags.contains(QStringLiteral("--offline")));
    if (command == QLatin1String("list"))
        return options->flags.contains(QStringLiteral("--catalog")) ? listCatalog(context, *options)
                                                                    : listInstalled(context, *options);
    if (command == QLatin1String("search"))
        return search(context, *options);
    if (command == QLatin1String("files"))
        return files(context, *options);
    if (command == QLatin1String("pull"))
        return pull(context, *options);
    if (command == QLatin1String("rm"))
        return remove(context, *options);
    if (command == QLatin1String("unforget"))
        return unforget(context, *options);
    if (command == QLatin1String("import"))
        return import(context, *options);
    if (command == QLatin1String("token"))
        return token(context, *options);
    if (command == QLatin1String("refresh"))
        return refresh(context, *options);
    return usageError(QStringLiteral("unknown command '%1'").arg(command));
}

static const CommandRegistrar registration("models", "list, search, download, import and delete models",
                                           runModels);
