#include "common/metrics/metrics.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace laso::metrics {
namespace {

std::string EscapeLabel(const std::string& v) {
  return absl::StrReplaceAll(v, {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", "\\n"}});
}

std::string Number(double v) {
  if (v == static_cast<double>(static_cast<int64_t>(v)) && v < 1e15 && v > -1e15) {
    return absl::StrCat(static_cast<int64_t>(v));
  }
  return absl::StrCat(v);
}

void Header(std::string* out, const std::string& name, const std::string& help, const char* type) {
  absl::StrAppend(out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

}  // namespace

std::string Family::LabelText(const Labels& values, const std::string& extra) const {
  std::string out;
  for (size_t i = 0; i < label_names_.size() && i < values.size(); ++i) {
    absl::StrAppend(&out, out.empty() ? "" : ",", label_names_[i], "=\"", EscapeLabel(values[i]), "\"");
  }
  if (!extra.empty()) absl::StrAppend(&out, out.empty() ? "" : ",", extra);
  return out.empty() ? "" : absl::StrCat("{", out, "}");
}

void CounterFamily::Inc(const Labels& labels, double v) {
  absl::MutexLock lock(&mu_);
  values_[labels] += v;
}

double CounterFamily::Value(const Labels& labels) const {
  absl::MutexLock lock(&mu_);
  auto it = values_.find(labels);
  return it == values_.end() ? 0 : it->second;
}

void CounterFamily::Render(std::string* out) const {
  Header(out, name_, help_, "counter");
  absl::MutexLock lock(&mu_);
  for (const auto& [labels, v] : values_) absl::StrAppend(out, name_, LabelText(labels), " ", Number(v), "\n");
}

void GaugeFamily::Set(const Labels& labels, double v) {
  absl::MutexLock lock(&mu_);
  values_[labels] = v;
}

void GaugeFamily::Add(const Labels& labels, double v) {
  absl::MutexLock lock(&mu_);
  values_[labels] += v;
}

double GaugeFamily::Value(const Labels& labels) const {
  absl::MutexLock lock(&mu_);
  auto it = values_.find(labels);
  return it == values_.end() ? 0 : it->second;
}

void GaugeFamily::Render(std::string* out) const {
  Header(out, name_, help_, "gauge");
  absl::MutexLock lock(&mu_);
  for (const auto& [labels, v] : values_) absl::StrAppend(out, name_, LabelText(labels), " ", Number(v), "\n");
}

HistogramFamily::HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                                 std::vector<double> bounds)
    : Family(std::move(name), std::move(help), std::move(label_names)), bounds_(std::move(bounds)) {}

void HistogramFamily::Observe(const Labels& labels, double value) {
  size_t bucket = 0;
  while (bucket < bounds_.size() && value > bounds_[bucket]) ++bucket;
  absl::MutexLock lock(&mu_);
  Series& s = series_[labels];
  if (s.buckets.empty()) s.buckets.assign(bounds_.size() + 1, 0);
  ++s.buckets[bucket];
  s.sum += value;
  ++s.count;
}

uint64_t HistogramFamily::Count(const Labels& labels) const {
  absl::MutexLock lock(&mu_);
  auto it = series_.find(labels);
  return it == series_.end() ? 0 : it->second.count;
}

void HistogramFamily::Render(std::string* out) const {
  Header(out, name_, help_, "histogram");
  absl::MutexLock lock(&mu_);
  for (const auto& [labels, s] : series_) {
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= bounds_.size(); ++i) {
      cumulative += s.buckets[i];
      std::string le = i < bounds_.size() ? Number(bounds_[i]) : "+Inf";
      absl::StrAppend(out, name_, "_bucket", LabelText(labels, absl::StrCat("le=\"", le, "\"")), " ",
                      cumulative, "\n");
    }
    absl::StrAppend(out, name_, "_sum", LabelText(labels), " ", s.sum, "\n");
    absl::StrAppend(out, name_, "_count", LabelText(labels), " ", s.count, "\n");
  }
}

std::vector<double> LatencyBuckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

template <typename T, typename... Args>
T& Registry::GetOrCreate(const std::string& name, Args&&... args) {
  absl::MutexLock lock(&mu_);
  auto& slot = families_[name];
  if (!slot) slot = std::make_unique<T>(name, std::forward<Args>(args)...);
  T* typed = dynamic_cast<T*>(slot.get());
  if (typed == nullptr) {
    std::fprintf(stderr, "metrics: %s registered twice with different types\n", name.c_str());
    std::abort();
  }
  return *typed;
}

CounterFamily& Registry::Counter(const std::string& name, const std::string& help,
                                 std::vector<std::string> labels) {
  return GetOrCreate<CounterFamily>(name, help, std::move(labels));
}

GaugeFamily& Registry::Gauge(const std::string& name, const std::string& help,
                             std::vector<std::string> labels) {
  return GetOrCreate<GaugeFamily>(name, help, std::move(labels));
}

HistogramFamily& Registry::Histogram(const std::string& name, const std::string& help,
                                     std::vector<std::string> labels, std::vector<double> bounds) {
  return GetOrCreate<HistogramFamily>(name, help, std::move(labels), std::move(bounds));
}

std::string Registry::RenderText() const {
  std::string out;
  absl::MutexLock lock(&mu_);
  for (const auto& [name, family] : families_) family->Render(&out);
  return out;
}

Registry& Registry::Default() {
  static Registry* registry = new Registry();
  return *registry;
}

}  // namespace laso::metrics
