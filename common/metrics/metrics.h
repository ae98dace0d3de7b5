#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"

// Counters, gauges and histograms with labels, rendered in the Prometheus text
// exposition format for GET /metrics.
namespace laso::metrics {

using Labels = std::vector<std::string>;  // values, in the family's label order

class Family {
 public:
  Family(std::string name, std::string help, std::vector<std::string> label_names)
      : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {}
  virtual ~Family() = default;
  virtual void Render(std::string* out) const = 0;
  const std::string& name() const { return name_; }

 protected:
  std::string LabelText(const Labels& values, const std::string& extra = "") const;
  std::string name_, help_;
  std::vector<std::string> label_names_;
};

class CounterFamily : public Family {
 public:
  using Family::Family;
  void Inc(const Labels& labels, double v = 1);
  double Value(const Labels& labels) const;
  void Render(std::string* out) const override;

 private:
  mutable absl::Mutex mu_;
  std::map<Labels, double> values_ ABSL_GUARDED_BY(mu_);
};

class GaugeFamily : public Family {
 public:
  using Family::Family;
  void Set(const Labels& labels, double v);
  void Add(const Labels& labels, double v);
  double Value(const Labels& labels) const;
  void Render(std::string* out) const override;

 private:
  mutable absl::Mutex mu_;
  std::map<Labels, double> values_ ABSL_GUARDED_BY(mu_);
};

class HistogramFamily : public Family {
 public:
  HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                  std::vector<double> bounds);
  void Observe(const Labels& labels, double value);
  uint64_t Count(const Labels& labels) const;
  void Render(std::string* out) const override;

 private:
  struct Series {
    std::vector<uint64_t> buckets;  // non-cumulative, one per bound plus +Inf
    double sum = 0;
    uint64_t count = 0;
  };
  std::vector<double> bounds_;
  mutable absl::Mutex mu_;
  std::map<Labels, Series> series_ ABSL_GUARDED_BY(mu_);
};

// Latency buckets in seconds, 0.5 ms to 10 s.
std::vector<double> LatencyBuckets();

class Registry {
 public:
  CounterFamily& Counter(const std::string& name, const std::string& help, std::vector<std::string> labels);
  GaugeFamily& Gauge(const std::string& name, const std::string& help, std::vector<std::string> labels);
  HistogramFamily& Histogram(const std::string& name, const std::string& help,
                             std::vector<std::string> labels, std::vector<double> bounds);
  std::string RenderText() const;

  // The process-wide registry.
  static Registry& Default();

 private:
  template <typename T, typename... Args>
  T& GetOrCreate(const std::string& name, Args&&... args);
  mutable absl::Mutex mu_;
  std::map<std::string, std::unique_ptr<Family>> families_ ABSL_GUARDED_BY(mu_);
};

}  // namespace laso::metrics
