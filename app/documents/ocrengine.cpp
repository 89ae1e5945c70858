#include "ocrengine.h"

#include "documenterror.h"

#include <algorithm>
#include <QDir>
#include <QFileInfo>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

namespace documents {

namespace {

// Where the language files are: TESSDATA_PREFIX alone when set (so a test or a user can point
// elsewhere), else the folders Debian, Fedora, Homebrew and a source build install to.
QStringList dataFolders()
{
    const QString prefix = qEnvironmentVariable("TESSDATA_PREFIX");
    if (!prefix.isEmpty())
        return {prefix, prefix + QStringLiteral("/tessdata")};
    return {QStringLiteral("/usr/share/tesseract-ocr/5/tessdata"),
            QStringLiteral("/usr/share/tesseract-ocr/4.00/tessdata"), QStringLiteral("/usr/share/tessdata"),
            QStringLiteral("/usr/local/share/tessdata"), QStringLiteral("/opt/homebrew/share/tessdata")};
}

QString findDataFolder(const QStringList& languages)
{
    const auto has = [](const QString& folder, const QString& language) {
        return QFileInfo::exists(folder + QLatin1Char('/') + language + QStringLiteral(".traineddata"));
    };
    const QStringList folders = dataFolders();
    for (const QString& folder : folders)
        if (std::all_of(languages.begin(), languages.end(), [&](const QString& l) { return has(folder, l); }))
            return folder;
    QStringList missing;
    for (const QString& language : languages)
        if (std::none_of(folders.begin(), folders.end(), [&](const QString& f) { return has(f, language); }))
            missing.append(language);
    if (missing.isEmpty())
        fail(tr("the OCR language data for '%1' lies in different folders; set TESSDATA_PREFIX to one folder "
                "holding all of it")
                 .arg(languages.join(QLatin1Char('+'))));
    QStringList packages;
    for (const QString& language : std::as_const(missing))
        packages.append(QStringLiteral("tesseract-ocr-") + language);
    fail(tr("a page has no text layer (a scan) and reading it needs OCR language data for '%1', which is "
            "not installed; install %2 (Debian/Ubuntu), set TESSDATA_PREFIX to the folder holding %3, or "
            "add the file with --no-ocr to skip such pages")
             .arg(missing.join(QLatin1Char('+')), packages.join(QLatin1Char(' ')),
                  missing.first() + QStringLiteral(".traineddata")));
}

} // namespace

OcrEngine::OcrEngine(const QString& language, int secondsPerPage)
    : m_api(std::make_unique<tesseract::TessBaseAPI>()), m_secondsPerPage(secondsPerPage)
{
    const QStringList languages = language.split(QLatin1Char('+'), Qt::SkipEmptyParts);
    if (languages.isEmpty())
        fail(tr("no OCR language was given; use e.g. --ocr-language eng"));
    const QByteArray folder = QDir::toNativeSeparators(findDataFolder(languages)).toLocal8Bit();
    if (m_api->Init(folder.constData(), language.toLatin1().constData(), tesseract::OEM_LSTM_ONLY) != 0)
        fail(tr("Tesseract could not load its language data for '%1' from %2; reinstall tesseract-ocr-%1")
                 .arg(language, QString::fromLocal8Bit(folder)));
    m_api->SetPageSegMode(tesseract::PSM_AUTO);
}

OcrEngine::~OcrEngine()
{
    m_api->End();
}

QString OcrEngine::recognize(const QImage& image, int dpi, int pageNumber)
{
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    m_api->SetImage(gray.constBits(), gray.width(), gray.height(), 1, static_cast<int>(gray.bytesPerLine()));
    m_api->SetSourceResolution(dpi);
    tesseract::ETEXT_DESC monitor;
    // Tesseract ignores a deadline of 0: a limit of 0 s means "at once", i.e. 1 ms.
    monitor.set_deadline_msecs(std::max(1, m_secondsPerPage * 1000));
    if (m_api->Recognize(&monitor) != 0 || monitor.deadline_exceeded())
        fail(tr("OCR of page %1 took longer than the limit of %2 s; raise it with --ocr-timeout, or add the "
                "file with --no-ocr to skip pages without a text layer")
                 .arg(pageNumber)
                 .arg(m_secondsPerPage));
    const std::unique_ptr<char[]> text(m_api->GetUTF8Text());
    m_api->Clear();
    return text ? QString::fromUtf8(text.get()) : QString();
}

} // namespace documents
