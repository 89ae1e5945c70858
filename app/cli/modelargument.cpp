#include "modelargument.h"

#include "hearth/error.h"
#include "models/installedmodels.h"
#include "models/modelsconfig.h"

#include <QFileInfo>
#include <QSettings>

QString resolveModelArgument(const QString& model, const InstalledModels& installed)
{
    if (const InstalledModel* m = installed.find(model))
        return m->path;
    if (QFileInfo::exists(model))
        return model;
    throw hearth::Error("no installed model or file '" + model.toStdString() +
                        "' (see hearth-cli models list)");
}

QString resolveModelArgument(const QString& model)
{
    if (QFileInfo(model).isFile())
        return model;
    const ModelsConfig config = ModelsConfig::load(QSettings());
    InstalledModels installed(config.modelsDir, config.extraFolders, config.externalRoots);
    installed.scan();
    return resolveModelArgument(model, installed);
}
