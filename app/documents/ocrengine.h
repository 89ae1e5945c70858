#pragma once
// Tesseract over one rendered page image. Made once per document (loading the language data costs
// more than a page), and only when a page without a text layer actually needs it.
#include <memory>
#include <QImage>
#include <QString>

namespace tesseract {
class TessBaseAPI;
}

namespace documents {

class OcrEngine {
  public:
    // language: Tesseract's code(s), e.g. "eng" or "deu+eng". Throws hearth::Error naming the
    // Debian package to install when a language's data is missing. TESSDATA_PREFIX, when set,
    // is the folder that holds the .traineddata files.
    OcrEngine(const QString& language, int secondsPerPage);
    ~OcrEngine();
    OcrEngine(const OcrEngine&) = delete;
    OcrEngine& operator=(const OcrEngine&) = delete;

    // The text of a page image rendered at dpi; throws when it takes longer than the limit.
    QString recognize(const QImage& image, int dpi, int pageNumber);

  private:
    std::unique_ptr<tesseract::TessBaseAPI> m_api;
    int m_secondsPerPage;
};

} // namespace documents
