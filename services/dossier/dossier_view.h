#pragma once

#include "services/dossier/dossier_store.h"
#include "services/dossier/timeline.h"

namespace laso::dossier {

// A dossier as its applicant (or staff) sees it: status with the portal's
// code and Vietnamese label, dates, where it stands, fees and history. Never
// any personal data.
v1::Dossier BuildView(const StoredDossier& stored, const DossierState& state, const Standing& standing);

}  // namespace laso::dossier
