// The top of the report: the question, the answer in a sentence, the
// headline figures (replicas, cost, headroom, saturation, trust) and the
// provenance of the data.

#include <cmath>
#include <string>
#include <vector>

#include "report/build_internal.h"
#include "report/format_internal.h"

namespace loadlaw::report::internal {
namespace {

Figure MakeFigure(const std::string& key, const std::string& label,
                  const base::Estimate& e, const std::string& unit) {
  Figure f;
  f.key = key;
  f.label = label;
  f.value = e.value;
  f.low = e.low;
  f.high = e.high;
  f.unit = unit;
  return f;
}

std::string DemandText(const plan::PlanResult& p) {
  return base::FormatGrouped(p.demand.requests_per_s) + " req/s";
}

Figure ReplicasFigure(const plan::PlanResult& p) {
  Figure f = MakeFigure("replicas", "Replicas", p.replicas, "replicas");
  if (!p.feasible) {
    f.value = f.low = f.high = NAN;
    f.text = "not feasible";
    f.note = p.message;
    f.alert = true;
    return f;
  }
  f.text = base::FormatCount(p.replicas.value);
  f.interval_text = FormatInterval(p.replicas, /*whole=*/true);
  f.note = "for " + DemandText(p) + ", sized for " +
           base::FormatGrouped(p.demand.sizing_requests_per_s) + " req/s (" +
           FormatPercent(p.headroom.sizing_fraction) + " headroom)";
  return f;
}

std::string MoneyInterval(const base::Estimate& e, const std::string& cur) {
  if (!std::isfinite(e.low) || !std::isfinite(e.high)) return "";
  return FormatMoney(e.low, cur) + "–" + FormatMoney(e.high, cur);
}

// The cost of a priced, feasible plan.
void AddCostFigures(const plan::PlanCost& cost, const std::string& currency,
                    std::vector<Figure>* out) {
  const base::Estimate& monthly = *cost.monthly;
  Figure month =
      MakeFigure("monthly_cost", "Monthly cost", monthly, currency + "/month");
  month.text = FormatMoney(monthly.value, currency);
  month.interval_text = MoneyInterval(monthly, currency);
  month.note = FormatMoney(*cost.price_per_replica_hour, currency) +
               " per replica-hour, " + base::FormatCount(cost.hours_per_month) +
               " hours a month";
  out->push_back(month);
  const base::Estimate& output = *cost.per_million_output_tokens;
  Figure per_m =
      MakeFigure("cost_per_million_output_tokens", "Per 1M output tokens",
                 output, currency + "/1M output tokens");
  per_m.text = FormatMoney(output.value, currency);
  per_m.interval_text = MoneyInterval(output, currency);
  per_m.note = FormatMoney(cost.per_million_tokens->value, currency) +
               " per 1M tokens, input and output together";
  out->push_back(per_m);
}

// The headroom of today's fleet when its size is known, else the SLO
// headroom of the planned fleet: how much more demand it carries.
Figure HeadroomFigure(const plan::PlanResult& p) {
  Figure f;
  f.key = "headroom";
  f.unit = "fraction of demand";
  const plan::PlanHeadroom& h = p.headroom;
  if (h.current_replicas) {
    const base::Estimate& extra = *h.extra_demand_fraction;
    f.label =
        "Headroom of " + base::FormatCount(*h.current_replicas) + " replicas";
    f.value = extra.value;
    f.low = extra.low;
    f.high = extra.high;
    f.note = "today's fleet carries " +
             base::FormatGrouped(h.capacity_ratio->value) +
             "× the demand within the SLOs";
  } else {
    const plan::PlanOperatingPoint& op = p.operating_point;
    const double rate = op.per_replica_rate_rps;
    const base::Estimate& c = p.per_replica_capacity_rps;
    f.label = "SLO headroom";
    f.value = c.value / rate - 1;
    f.low = c.low / rate - 1;
    f.high = c.high / rate - 1;
    f.note = "utilisation " + FormatPercent(op.utilization) +
             " of SLO capacity, " + FormatPercent(op.saturation_utilization) +
             " of saturation";
  }
  f.text = FormatSignedPercent(f.value);
  if (std::isfinite(f.low) && std::isfinite(f.high)) {
    f.interval_text =
        FormatSignedPercent(f.low) + " to " + FormatSignedPercent(f.high);
  }
  f.alert = f.value < 0;
  return f;
}

void AddSaturationFigures(const fit::CapacityModel& model,
                          const plan::PlanResult* plan,
                          std::vector<Figure>* out) {
  const fit::UslFit& usl = model.requests;
  // With a plan, saturation is min(N*, the server's concurrency limit): a
  // replica whose USL has no peak still stops at its limit.
  const plan::PlanSaturation* s = plan ? &plan->saturation : nullptr;
  const bool capped = s != nullptr && std::isfinite(s->concurrency.value) &&
                      !(s->concurrency.value >= usl.peak_concurrency.value);
  const base::Estimate n_est = capped ? s->concurrency : usl.peak_concurrency;
  const base::Estimate x_est = capped ? s->throughput_rps : usl.peak_throughput;
  Figure n = MakeFigure("saturation_concurrency", "Saturation point",
                        n_est, "requests in flight");
  Figure x = MakeFigure("peak_throughput", "Peak throughput", x_est, "req/s");
  if (std::isfinite(n_est.value)) {
    n.text = base::FormatGrouped(n_est.value) + " in flight";
    n.interval_text = FormatInterval(n_est);
    n.note = capped ? "the server's concurrency limit (" +
                          s->concurrency_limit_source + "), below any USL peak"
                    : "where one replica's throughput peaks (USL N*)";
  } else {
    n.text = "none";
    n.note = "no coherency term (κ = 0): throughput keeps rising";
  }
  x.text = base::FormatGrouped(x_est.value) + " req/s";
  x.interval_text = FormatInterval(x_est);
  x.note = base::FormatGrouped(model.output_tokens.peak_throughput.value) +
           " output tok/s at its own peak";
  out->push_back(n);
  out->push_back(x);
  Figure limit;
  limit.key = "limited_by";
  limit.label = "Limited by";
  limit.text = fit::LimitedByName(fit::LimitingFactor(usl.params));
  limit.note = "σ = " + base::FormatGrouped(usl.params.sigma) +
               " (contention), κ = " + base::FormatGrouped(usl.params.kappa) +
               " (coherency)";
  out->push_back(limit);
}

Figure TrustFigure(const fit::CapacityModel& model) {
  Figure f;
  f.key = "trust";
  f.label = "Model trust";
  f.text = model.trust.ok ? "trusted" : "use with care";
  f.alert = !model.trust.ok;
  const fit::CapacityHoldout& h = model.holdout;
  if (h.held_out_levels > 0) {
    f.value = h.max_abs_throughput_error;
    f.unit = "max hold-out throughput error (fraction)";
    f.note = "hold-out forecast within " +
             FormatPercent(h.max_abs_throughput_error) + " on " +
             base::FormatCount(h.held_out_levels) + " unseen levels";
  } else {
    f.note = h.note.empty() ? "no hold-out validation" : h.note;
  }
  return f;
}

void AddKeyValue(const std::string& key, const std::string& label,
                 const std::string& value, std::vector<KeyValue>* out) {
  if (!value.empty()) out->push_back({key, label, value});
}

// The sweep's record when it has one, else the model's.
std::string Either(const std::string& from_sweep,
                   const std::string& from_model) {
  return from_sweep.empty() ? from_model : from_sweep;
}

std::string Version(const std::string& version) {
  return version.empty() ? "" : "loadlaw " + version;
}

}  // namespace

std::string Question(const Context& context) {
  const plan::PlanResult* p = context.plan;
  const std::string hardware =
      context.Hardware().empty() ? "this deployment" : context.Hardware();
  if (p == nullptr) {
    return "Where does one replica of " + hardware + " saturate, and why?";
  }
  std::string slos;
  const std::vector<plan::SloCheck>& checks = p->operating_point.slo_checks;
  for (size_t i = 0; i < checks.size(); ++i) {
    slos += (i == 0                   ? ""
             : i + 1 == checks.size() ? " and "
                                      : ", ") +
            DescribeSlo(checks[i].slo);
  }
  std::string q = "How many replicas of " + hardware + " serve " +
                  DemandText(*p) + (slos.empty() ? "" : " with " + slos);
  if (p->headroom.sizing_fraction > 0) {
    q += ", sized with " + FormatPercent(p->headroom.sizing_fraction) +
         " headroom";
  }
  return q + (context.Priced() ? ", and what does it cost?" : "?");
}

std::vector<Figure> Headline(const Context& context) {
  std::vector<Figure> out;
  const plan::PlanResult* p = context.plan;
  if (p != nullptr) {
    out.push_back(ReplicasFigure(*p));
    if (p->cost.monthly) AddCostFigures(p->cost, context.currency, &out);
    if (p->feasible) out.push_back(HeadroomFigure(*p));
  }
  AddSaturationFigures(*context.model, context.plan, &out);
  out.push_back(TrustFigure(*context.model));
  return out;
}

std::string Answer(const Context& context,
                   const std::vector<Figure>& headline) {
  auto text = [&](const std::string& key) -> std::string {
    for (const Figure& f : headline) {
      if (f.key == key) return WithInterval(f.text, f.interval_text);
    }
    return "";
  };
  std::string out;
  const plan::PlanResult* p = context.plan;
  if (p != nullptr && !p->feasible) {
    out = "No load per replica meets the SLOs: " + p->message + ". ";
  } else if (p != nullptr) {
    out = text("replicas") + " replicas serve " + DemandText(*p);
    if (context.Priced()) {
      out += ", at " + text("monthly_cost") + " a month and " +
             text("cost_per_million_output_tokens") + " per 1M output tokens";
    }
    out += ". ";
  }
  out += "One replica saturates at " + text("saturation_concurrency") +
         ", serving " + text("peak_throughput") + ", limited by " +
         text("limited_by") + ".";
  return out;
}

std::vector<KeyValue> Provenance(const Context& context) {
  std::vector<KeyValue> out;
  const fit::Provenance& m = context.model->provenance;
  const sweep::SweepFile* sweep = context.inputs->sweep;
  const sweep::SweepProvenance empty;
  const sweep::SweepProvenance* s = sweep ? &sweep->provenance : nullptr;
  const sweep::SweepProvenance& sp = s ? *s : empty;
  AddKeyValue("endpoint", "Endpoint", Either(sp.target, m.endpoint), &out);
  AddKeyValue("served_model", "Served model",
              Either(sp.served_model, m.served_model), &out);
  AddKeyValue("hardware", "Hardware label", context.Hardware(), &out);
  AddKeyValue("workload", "Workload", Either(sp.workload_name, m.workload_name),
              &out);
  AddKeyValue("workload_hash", "Workload hash",
              Either(sp.workload_hash, m.workload_hash), &out);
  AddKeyValue("sweep_date", "Measured", Either(sp.date, m.date), &out);
  if (s != nullptr) {
    AddKeyValue("loop", "Load",
                std::string(telemetry::LoopKindName(s->loop)) +
                    " loop, think time " + FormatSeconds(s->think_time_s),
                &out);
    AddKeyValue("levels", "Levels",
                base::FormatCount(sweep->levels.size()) +
                    (sweep->complete ? ", complete"
                                     : ", incomplete: " + sweep->stop_reason),
                &out);
  }
  const int limit = s && s->server_concurrency_limit > 0
                        ? s->server_concurrency_limit
                        : m.server_concurrency_limit;
  if (limit > 0) {
    AddKeyValue("server_limit", "Server concurrency limit", base::FormatCount(limit),
                &out);
  }
  AddKeyValue("confidence", "Intervals",
              FormatPercent(context.model->confidence) + " confidence", &out);
  if (context.Priced()) {
    AddKeyValue("price", "Price", context.plan->cost.price_source, &out);
  }
  AddKeyValue("sweep_version", "Sweep made by", Version(sp.loadlaw_version),
              &out);
  AddKeyValue("model_version", "Model fitted by", Version(m.loadlaw_version),
              &out);
  return out;
}

}  // namespace loadlaw::report::internal
