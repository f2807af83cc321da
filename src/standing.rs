//! How a reported outcome stands against the target it answers: met,
//! exceeded or short of it, by how much, and as a share of the target
//! (the 占全年计划% of Shanghai's reports). Computed from the structured
//! figures, never typed in, and only for the pairs the data curates
//! (`Figure::answers`, DATA.md "Outcomes against targets"). Where the two
//! numbers cannot be compared (another unit or scope, a bound where an
//! amount is needed) there is no standing: the app says nothing rather
//! than guess.

use serde::Serialize;

use crate::model::{Cmp, Figure, FigureKind, Item, Lang, Scope, Text};

/// What the outcome did against the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Exactly the target's number (a ceiling reached, a floor reached).
    Met,
    /// Beyond a target to reach (至少 / 超 / a plain number).
    Exceeded,
    /// Below a target to reach.
    Short,
    /// Under a ceiling (之内 / 不超过).
    Within,
    /// Above a ceiling.
    Over,
}

impl Verdict {
    /// A stable word for the verdict (a CSS class, a test hook).
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::Exceeded => "exceeded",
            Verdict::Short => "short",
            Verdict::Within => "within",
            Verdict::Over => "over",
        }
    }
}

/// An outcome against its target.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Standing {
    pub verdict: Verdict,
    /// How far the outcome lies from the target's number, in its unit
    /// (never negative; 0 when met).
    pub by: f64,
    /// The outcome as a percentage of a target to reach (占计划%); `None`
    /// for a ceiling, or a target of zero.
    pub share: Option<f64>,
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// How `outcome` stands against `target`, or `None` where the figures do
/// not say: not a target and an outcome, another unit, metric or scope
/// (a year's new ones against a running total), an outcome that is a
/// bound or approximate (超200, 200余: no amount to set against it), a
/// target with no firm number (余), or an outcome equal to a target of
/// "more than" it (突破600 is loosely said of 600 itself).
pub fn standing(target: &Figure, outcome: &Figure) -> Option<Standing> {
    let comparable = target.kind == FigureKind::Target
        && outcome.kind == FigureKind::Outcome
        && target.unit.zh.trim() == outcome.unit.zh.trim()
        && match (&target.metric, &outcome.metric) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
        && target.scope == outcome.scope
        && target.scope != Scope::Other
        && outcome.cmp == Cmp::Exactly
        && target.value.is_finite()
        && outcome.value.is_finite();
    if !comparable {
        return None;
    }
    let (t, o) = (target.value, outcome.value);
    let by = (o - t).abs();
    let share = (t > 0.0).then(|| o / t * 100.0);
    let (verdict, share) = match target.cmp {
        Cmp::MoreThan if same(o, t) => return None,
        Cmp::Exactly | Cmp::AtLeast | Cmp::MoreThan => {
            let v = if same(o, t) {
                Verdict::Met
            } else if o > t {
                Verdict::Exceeded
            } else {
                Verdict::Short
            };
            (v, share)
        }
        Cmp::AtMost => {
            let v = if same(o, t) {
                Verdict::Met
            } else if o < t {
                Verdict::Within
            } else {
                Verdict::Over
            };
            (v, None)
        }
        Cmp::About | Cmp::Other => return None,
    };
    let by = if verdict == Verdict::Met { 0.0 } else { by };
    Some(Standing { verdict, by, share })
}

impl Answered<'_> {
    /// The verdict and the sentence a reader sees (`i18n::standing_text`),
    /// numbers as the figures show them.
    pub fn text(&self, lang: Lang) -> (&'static str, String) {
        crate::i18n::standing_text(
            self.target.label.in_lang(lang),
            &crate::compare::figure_value(self.target, lang),
            &crate::compare::figure_value(self.outcome, lang),
            &self.outcome.unit,
            &self.standing,
            lang,
        )
    }
}

/// One curated pairing of an item, with its standing.
#[derive(Clone, Debug, PartialEq)]
pub struct Answered<'a> {
    pub target: &'a Figure,
    pub outcome: &'a Figure,
    pub reason: &'a Text,
    pub standing: Standing,
}

/// The item's outcomes that the data pairs with one of its targets and
/// that can be compared with it, in the order of its outcomes. A pairing
/// that points at no target, or at one it cannot be compared with, is
/// left out (validation reports it).
pub fn answered(item: &Item) -> Vec<Answered<'_>> {
    item.outcomes
        .iter()
        .filter_map(|outcome| {
            let a = outcome.answers.as_ref()?;
            let target = item.targets.get(a.target as usize)?;
            Some(Answered {
                target,
                outcome,
                reason: &a.reason,
                standing: standing(target, outcome)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Answer;

    fn fig(kind: FigureKind, value: f64, cmp: Cmp, scope: Scope, unit: &str) -> Figure {
        Figure {
            label: Text::new("服务点位", "service points"),
            value,
            value_text: value.to_string(),
            cmp,
            scope,
            kind,
            unit: Text::new(unit, ""),
            ..Figure::default()
        }
    }
    fn target(value: f64, cmp: Cmp) -> Figure {
        fig(FigureKind::Target, value, cmp, Scope::Level, "个")
    }
    fn outcome(value: f64) -> Figure {
        fig(FigureKind::Outcome, value, Cmp::Exactly, Scope::Level, "个")
    }

    #[test]
    fn remote_windows_2024_exceeded_at_least_200_by_315() {
        // 开通跨省通办'远程虚拟窗口'服务点位200个以上 → 515个.
        let s = standing(&target(200.0, Cmp::AtLeast), &outcome(515.0)).unwrap();
        assert_eq!(s.verdict, Verdict::Exceeded);
        assert_eq!(s.by, 315.0);
        assert_eq!(s.share, Some(257.5));
    }

    #[test]
    fn an_outcome_equal_to_its_target_meets_it() {
        // 实现41个地级及以上城市全覆盖, target and outcome alike.
        let s = standing(&target(41.0, Cmp::Exactly), &outcome(41.0)).unwrap();
        assert_eq!(
            s,
            Standing {
                verdict: Verdict::Met,
                by: 0.0,
                share: Some(100.0)
            }
        );
        let s = standing(&target(200.0, Cmp::AtLeast), &outcome(200.0)).unwrap();
        assert_eq!(s.verdict, Verdict::Met);
    }

    #[test]
    fn below_a_target_to_reach_falls_short() {
        let s = standing(&target(660.0, Cmp::Exactly), &outcome(594.0)).unwrap();
        assert_eq!(s.verdict, Verdict::Short);
        assert!((s.by - 66.0).abs() < 1e-9);
        assert!((s.share.unwrap() - 90.0).abs() < 1e-9);
        let s = standing(&target(660.0, Cmp::Exactly), &outcome(667.6)).unwrap();
        assert_eq!(s.verdict, Verdict::Exceeded);
        assert!((s.by - 7.6).abs() < 1e-9);
    }

    #[test]
    fn a_ceiling_is_kept_or_passed_and_has_no_share() {
        // 车桩比力争达到1.9之内.
        let ceiling = target(1.9, Cmp::AtMost);
        let s = standing(&ceiling, &outcome(1.62)).unwrap();
        assert_eq!(s.verdict, Verdict::Within);
        assert!((s.by - 0.28).abs() < 1e-9);
        assert_eq!(s.share, None);
        assert_eq!(
            standing(&ceiling, &outcome(2.0)).unwrap().verdict,
            Verdict::Over
        );
        assert_eq!(
            standing(&ceiling, &outcome(1.9)).unwrap().verdict,
            Verdict::Met
        );
    }

    #[test]
    fn a_zero_target_has_no_share() {
        let s = standing(&target(0.0, Cmp::AtLeast), &outcome(5.0)).unwrap();
        assert_eq!((s.verdict, s.by, s.share), (Verdict::Exceeded, 5.0, None));
        let s = standing(&target(0.0, Cmp::Exactly), &outcome(0.0)).unwrap();
        assert_eq!((s.verdict, s.share), (Verdict::Met, None));
    }

    #[test]
    fn figures_that_do_not_compare_say_nothing() {
        let t = target(200.0, Cmp::AtLeast);
        // Another unit.
        let other_unit = fig(FigureKind::Outcome, 515.0, Cmp::Exactly, Scope::Level, "项");
        assert_eq!(standing(&t, &other_unit), None);
        // Another scope: a running total against a target of new ones.
        let new = fig(FigureKind::Target, 7e4, Cmp::AtLeast, Scope::New, "个");
        let total = fig(
            FigureKind::Outcome,
            755_300.0,
            Cmp::Exactly,
            Scope::Cumulative,
            "个",
        );
        assert_eq!(standing(&new, &total), None);
        // An outcome given as a bound (超200) or approximately has no amount.
        for cmp in [
            Cmp::MoreThan,
            Cmp::AtLeast,
            Cmp::About,
            Cmp::AtMost,
            Cmp::Other,
        ] {
            let bound = Figure {
                cmp,
                ..outcome(515.0)
            };
            assert_eq!(standing(&t, &bound), None, "{cmp:?}");
        }
        // A target with no firm number.
        assert_eq!(standing(&target(200.0, Cmp::About), &outcome(515.0)), None);
        assert_eq!(standing(&target(200.0, Cmp::Other), &outcome(515.0)), None);
        // 突破600 reported as 600 exactly: undecided.
        assert_eq!(
            standing(&target(600.0, Cmp::MoreThan), &outcome(600.0)),
            None
        );
        assert_eq!(
            standing(&target(600.0, Cmp::MoreThan), &outcome(650.0)).map(|s| s.verdict),
            Some(Verdict::Exceeded)
        );
        // Kinds the wrong way round, other metrics, an unknown scope.
        assert_eq!(standing(&outcome(515.0), &t), None);
        let metric = |m: &str, f: Figure| Figure {
            metric: Some(m.into()),
            ..f
        };
        assert_eq!(
            standing(
                &metric("remote-windows", t.clone()),
                &metric("e-certificates", outcome(515.0))
            ),
            None
        );
        assert!(standing(&metric("remote-windows", t.clone()), &outcome(515.0)).is_some());
        let other = |f: Figure| Figure {
            scope: Scope::Other,
            ..f
        };
        assert_eq!(standing(&other(t.clone()), &other(outcome(515.0))), None);
        assert_eq!(standing(&t, &outcome(f64::NAN)), None);
    }

    #[test]
    fn only_curated_comparable_pairs_are_answered() {
        let reason = Text::new("「开通」", "「开通」 (opened)");
        let answers = |target| {
            Some(Answer {
                target,
                reason: reason.clone(),
            })
        };
        let item = Item {
            targets: vec![
                target(200.0, Cmp::AtLeast),
                fig(
                    FigureKind::Target,
                    200.0,
                    Cmp::AtLeast,
                    Scope::Cumulative,
                    "项",
                ),
            ],
            outcomes: vec![
                // Not paired: nothing is said, however alike.
                outcome(41.0),
                Figure {
                    answers: answers(0),
                    ..outcome(515.0)
                },
                // Paired with a target it cannot be compared with.
                Figure {
                    answers: answers(1),
                    ..outcome(300.0)
                },
                // Paired with a target that is not there.
                Figure {
                    answers: answers(7),
                    ..outcome(9.0)
                },
            ],
            ..Item::default()
        };
        let got = answered(&item);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].outcome.value, 515.0);
        assert_eq!(got[0].target, &item.targets[0]);
        assert_eq!(got[0].reason, &reason);
        assert_eq!(got[0].standing.verdict, Verdict::Exceeded);
    }
}
