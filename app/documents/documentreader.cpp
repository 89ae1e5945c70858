#include "documentreader.h"

#include "documenterror.h"
#include "docxreader.h"
#include "epubreader.h"
#include "htmlreader.h"
#include "odtreader.h"
#include "pdfreader.h"
#include "plaintextreader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace {

using documents::tr;

QString displayName(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

[[noreturn]] void failFile(const QString& path, const QString& message)
{
    documents::fail(displayName(path) + QStringLiteral(": ") + message);
}

} // namespace

QString DocumentReader::supportedExtensions()
{
    return QStringLiteral("pdf, docx, odt, epub, html, htm, xhtml, md, markdown, txt, text");
}

SourceFile DocumentReader::load(const QString& path, const ExtractLimits& limits)
{
    QFile file(path);
    const QFileInfo info(path);
    if (!info.exists())
        failFile(path, tr("the file does not exist (was it moved or deleted?); check the path"));
    if (info.isDir())
        failFile(path, tr("it is a folder; give a document file"));
    if (!file.open(QIODevice::ReadOnly))
        failFile(path, tr("it could not be read (%1); check its permissions").arg(file.errorString()));
    const qint64 size = file.size();
    if (size == 0)
        failFile(path, tr("it is empty; there is nothing to read"));
    if (size > limits.maxFileBytes)
        failFile(path,
                 tr("it is %1 MB, more than the limit of %2 MB; raise it with --max-mb if you mean "
                    "to read all of it, or split the file")
                     .arg(QString::number(static_cast<double>(size) / (1 << 20), 'f', 1),
                          QString::number(static_cast<double>(limits.maxFileBytes) / (1 << 20), 'f', 1)));
    SourceFile source{path, file.readAll(), {}};
    // A file shortened or removed from under us shows as a short read (or an error).
    if (source.bytes.size() != size || file.error() != QFileDevice::NoError)
        failFile(path, tr("it changed or disappeared while it was read (%1); try again when nothing "
                          "else is writing it")
                           .arg(file.error() != QFileDevice::NoError
                                    ? file.errorString()
                                    : tr("read %1 of %2 bytes").arg(source.bytes.size()).arg(size)));
    source.sha256 =
        QString::fromLatin1(QCryptographicHash::hash(source.bytes, QCryptographicHash::Sha256).toHex());
    return source;
}

QString DocumentReader::formatOf(const SourceFile& file)
{
    const QString suffix = QFileInfo(file.path).suffix().toLower();
    if (suffix == QLatin1String("pdf"))
        return QStringLiteral("pdf");
    if (suffix == QLatin1String("docx"))
        return QStringLiteral("docx");
    if (suffix == QLatin1String("odt"))
        return QStringLiteral("odt");
    if (suffix == QLatin1String("epub"))
        return QStringLiteral("epub");
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm") || suffix == QLatin1String("xhtml"))
        return QStringLiteral("html");
    if (suffix == QLatin1String("md") || suffix == QLatin1String("markdown"))
        return QStringLiteral("markdown");
    if (suffix == QLatin1String("txt") || suffix == QLatin1String("text"))
        return QStringLiteral("text");
    // No telling extension: a PDF shows its header; anything else is tried as text (and
    // refused there when it is binary).
    if (file.bytes.left(1024).contains("%PDF-"))
        return QStringLiteral("pdf");
    if (suffix.isEmpty())
        return QStringLiteral("text");
    failFile(file.path, tr(".%1 files are not supported; Hearth reads %2 (convert the file to one of "
                           "them, e.g. PDF)")
                            .arg(suffix, supportedExtensions()));
}

Document DocumentReader::extract(const SourceFile& file, const ReadOptions& options)
{
    const QString format = formatOf(file);
    Document document;
    try {
        if (format == QLatin1String("pdf"))
            document = documents::readPdf(file.bytes, options);
        else if (format == QLatin1String("docx"))
            document = documents::readDocx(file.bytes, options);
        else if (format == QLatin1String("odt"))
            document = documents::readOdt(file.bytes, options);
        else if (format == QLatin1String("epub"))
            document = documents::readEpub(file.bytes, options);
        else if (format == QLatin1String("html"))
            document = documents::readHtml(file.bytes, options.limits);
        else if (format == QLatin1String("markdown"))
            document = documents::readMarkdown(file.bytes);
        else
            document = documents::readPlainText(file.bytes);
    } catch (const documents::PasswordError& e) {
        throw documents::PasswordError(
            (displayName(file.path) + QStringLiteral(": ") + QString::fromStdString(e.what())).toStdString(),
            e.wrongPassword());
    } catch (const hearth::Error& e) {
        failFile(file.path, QString::fromStdString(e.what()));
    } catch (const std::bad_alloc&) {
        failFile(file.path,
                 tr("there is not enough memory to read it; close other programs or lower the limits"));
    }
    if (document.text.trimmed().isEmpty())
        failFile(file.path,
                 format == QLatin1String("pdf") && !options.ocr
                     ? tr("no text was found in it (its pages may be scans; add it without --no-ocr)")
                     : tr("no text was found in it"));
    if (document.title.isEmpty())
        document.title = QFileInfo(file.path).completeBaseName();
    return document;
}

Document DocumentReader::read(const QString& path, const ReadOptions& options)
{
    return extract(load(path, options.limits), options);
}
