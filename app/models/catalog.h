#pragma once
// The curated list of open chat models Hearth suggests (resources/catalog.json). The bundled copy
// is the offline default; a copy refreshed from the catalog URL (CatalogRefresher) replaces it.
#include <QByteArray>
#include <QList>
#include <QString>

struct CatalogEntry {
    QString id;   // stable, lowercase: "qwen2.5-0.5b-instruct-q4_k_m"
    QString name; // for people: "Qwen2.5 0.5B Instruct"
    QString family;
    QString architecture; // GGUF general.architecture
    qint64 parameters = 0;
    QString format; // weight format: "Q4_K_M"
    int contextLength = 0;
    QString license;
    QString repo;     // Hugging Face "owner/name"
    QString file;     // file name inside the repo
    qint64 size = -1; // bytes, -1 when not known
    QString sha256;   // lowercase hex, empty when not known
    QString description;
};

class Catalog {
  public:
    // Parses catalog JSON; throws hearth::Error naming what is wrong.
    static Catalog fromJson(const QByteArray& json);
    // The copy compiled into the program.
    static Catalog bundled();
    // The refreshed copy at cachePath when it exists and parses, else the bundled one.
    static Catalog load(const QString& cachePath);

    const QList<CatalogEntry>& entries() const { return m_entries; }
    const CatalogEntry* find(const QString& id) const;
    const CatalogEntry* findFile(const QString& repo, const QString& file) const;

  private:
    QList<CatalogEntry> m_entries;
};
