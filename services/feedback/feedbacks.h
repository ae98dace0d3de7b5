#pragma once

#include "services/feedback/answer_templates.h"
#include "services/feedback/catalog_admin.h"
#include "services/feedback/corrections.h"
#include "services/feedback/feedback_context.h"
#include "services/feedback/feedback_export.h"
#include "services/feedback/feedback_stats.h"
#include "services/feedback/feedback_views.h"
#include "services/feedback/follow_up.h"
#include "services/feedback/handling.h"
#include "services/feedback/intake.h"
#include "services/feedback/moderation.h"
#include "services/feedback/report_acts.h"
#include "services/feedback/reporter_data.h"
#include "services/feedback/retention.h"

namespace laso::feedback {

// The feedback service's behaviour, independent of gRPC, one part per idea:
// residents report (intake) and follow up; operators and agencies handle and
// correct reports; admins moderate and keep the catalogue; everyone reads
// through the views, the statistics and the exports; retention forgets
// reporters when their time is up, and personal_data answers a resident's
// export and erasure requests. Every change is an
// update entry on the report and, where someone must be told, an outbox
// event in the same transaction.
struct Feedbacks {
  explicit Feedbacks(FeedbackContext context, ExportLimits export_limits = {})
      : ctx(std::move(context)), acts(ctx), catalog(ctx), intake(ctx, acts), follow_up(ctx, acts),
        handling(ctx, acts), corrections(ctx, acts), moderation(acts), views(ctx, acts),
        templates(ctx, acts, catalog), statistics(ctx), exports(ctx, statistics, export_limits),
        retention(ctx), personal_data(ctx, acts) {}
  Feedbacks(const Feedbacks&) = delete;
  Feedbacks& operator=(const Feedbacks&) = delete;

  const FeedbackContext ctx;
  const ReportActs acts;
  CatalogAdmin catalog;
  Intake intake;
  FollowUp follow_up;
  Handling handling;
  Corrections corrections;
  Moderation moderation;
  FeedbackViews views;
  AnswerTemplates templates;
  Statistics statistics;
  FeedbackExport exports;
  Retention retention;
  ReporterData personal_data;
};

}  // namespace laso::feedback
