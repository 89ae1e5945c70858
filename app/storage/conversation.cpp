#include "conversation.h"

namespace {
constexpr const char* kRoleNames[] = {"system", "user", "assistant"};
constexpr const char* kTitleSourceNames[] = {"auto", "model", "user"};
} // namespace

QString roleName(Role role)
{
    return QLatin1String(kRoleNames[int(role)]);
}

bool roleFromName(const QString& name, Role* role)
{
    for (int i = 0; i < 3; ++i) {
        if (name == QLatin1String(kRoleNames[i])) {
            *role = Role(i);
            return true;
        }
    }
    return false;
}

QString titleSourceName(TitleSource source)
{
    return QLatin1String(kTitleSourceNames[int(source)]);
}

bool titleSourceFromName(const QString& name, TitleSource* source)
{
    for (int i = 0; i < 3; ++i) {
        if (name == QLatin1String(kTitleSourceNames[i])) {
            *source = TitleSource(i);
            return true;
        }
    }
    return false;
}
