// libFuzzer target for importing a conversations file (JSON from another machine, or from anyone):
// any bytes must import completely or be refused with hearth::Error, leaving the database as it
// was. What imports must survive a round trip: exported, imported again and exported again, it
// gives the same bytes (the promise ConversationExport makes).
#include "fuzz_target.h"
#include "hearth/error.h"
#include "storage/conversationexport.h"
#include "storage/conversationstore.h"
#include "storage/database.h"

#include <cstdlib>
#include <memory>
#include <QCoreApplication>
#include <QTemporaryDir>

namespace {

struct Store {
    QTemporaryDir dir;
    Database db{dir.filePath(QStringLiteral("conversations.db"))};
    std::unique_ptr<ConversationStore> store;
};

Store& fixture()
{
    static Store s;
    return s;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    static QCoreApplication app(*argc, *argv); // Qt's SQL driver plugins are found through it
    fixture().db.open();
    fixture().store = std::make_unique<ConversationStore>(fixture().db);
    // Closed before Qt SQL's own statics are destroyed (they were created by open(), after the
    // fixture, so they would go first).
    std::atexit([] {
        fixture().store.reset();
        fixture().db.close();
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > (1 << 20))
        return 0;
    ConversationStore& store = *fixture().store;
    const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));
    QList<qint64> imported;
    try {
        imported = ConversationExport::importJson(store, json);
    } catch (const hearth::Error&) {
        FUZZ_CHECK(store.count(false) + store.count(true) == 0); // all or nothing
        return 0;
    }
    const QByteArray first = ConversationExport::toJson(store, imported);
    const QList<qint64> again = ConversationExport::importJson(store, first);
    FUZZ_CHECK(ConversationExport::toJson(store, again) == first);
    for (const qint64 id : store.allConversationIds())
        store.remove(id);
    return 0;
}
