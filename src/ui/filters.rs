//! The filter form: real form controls with labels, applied as the reader
//! changes them, all written to the URL.

use leptos::prelude::*;

use super::app::use_ctx;
use crate::i18n::{self, t};
use crate::model::Status;

#[component]
pub fn Filters() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let state = ctx.state;
    // The form is built once the index is here (`app::Body`), and a session
    // never replaces the index (a data update reloads the page): its years,
    // themes and agencies are fixed lists, not keyed `For`s to diff.
    let (years, themes, leads) = ctx.store.data.with_untracked(|d| {
        let i = d.index.as_ref();
        (
            d.listed_years(),
            i.map(|i| i.themes.clone()).unwrap_or_default(),
            i.map(|i| i.leads.clone()).unwrap_or_default(),
        )
    });

    let has_filters = Memo::new(move |_| state.with(|s| s.has_filters()));

    let query = move || state.with(|s| s.q.clone());
    view! {
        <form class="filters" role="search" aria-label=move || t(lang.get()).filters
              on:submit=|ev| ev.prevent_default()>
            <div class="search-row">
                <label for="f-q" class="label">{move || t(lang.get()).search}</label>
                <input id="f-q" type="search" name="q" autocomplete="off" enterkeyhint="search"
                    placeholder=move || t(lang.get()).search_placeholder
                    // The attribute for a page rendered at build time
                    // (`prop:` is not written to HTML), the property after.
                    value=query prop:value=query
                    on:input=move |ev| {
                        ctx.type_search(event_target_value(&ev));
                    }/>
            </div>
            <fieldset class="chips">
                <legend>{move || t(lang.get()).year}</legend>
                {years.into_iter().map(|year| {
                    let on = move || state.with(|s| s.years.contains(&year));
                    view! {
                    <label class="chip">
                        <input type="checkbox" name="year" value=year.to_string()
                            checked=on prop:checked=on
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                ctx.update(true, |s| {
                                    s.years.retain(|y| *y != year);
                                    if on {
                                        s.years.push(year);
                                        s.years = crate::model::newest_first(&s.years);
                                    }
                                });
                            }/>
                        <span>{year}</span>
                    </label>
                }}).collect_view()}
            </fieldset>
            <details class="more-filters" open=state.with_untracked(|s| !s.themes.is_empty() || s.lead.is_some() || s.status.is_some())>
            <summary>{move || {
                let l = lang.get();
                let active = state.with(|s| s.themes.len() + usize::from(s.lead.is_some()) + usize::from(s.status.is_some()));
                let names = format!("{} · {} · {}", t(l).theme, t(l).lead, t(l).status);
                if active > 0 { format!("{names} ({active})") } else { names }
            }}</summary>
            <div>
            <fieldset class="chips">
                <legend>{move || t(lang.get()).theme}</legend>
                {themes.into_iter().map(|theme| {
                        let key = theme.key.clone();
                        let key2 = key.clone();
                        let on = {
                            let key = key.clone();
                            move || state.with(|s| s.themes.contains(&key))
                        };
                        view! {
                            <label class="chip">
                                <input type="checkbox" name="theme" value=key.clone()
                                    checked=on.clone() prop:checked=on
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let k = key2.clone();
                                        ctx.update(true, |s| {
                                            s.themes.retain(|t| *t != k);
                                            if on {
                                                s.themes.push(k);
                                            }
                                        });
                                    }/>
                                <span>{move || theme.name.in_lang(lang.get()).to_string()}</span>
                            </label>
                        }
                    }).collect_view()}
            </fieldset>
            <div class="selects">
                <div class="field">
                    <label for="f-lead" class="label">{move || t(lang.get()).lead}</label>
                    <select id="f-lead" name="lead"
                        prop:value=move || state.with(|s| s.lead.clone().unwrap_or_default())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            ctx.update(true, |s| s.lead = (!v.is_empty()).then_some(v));
                        }>
                        <option value="">{move || t(lang.get()).any_lead}</option>
                        {leads.into_iter().map(|lead| view! {
                            <option value=lead.key.clone()
                                selected=move || state.with(|s| s.lead.as_deref() == Some(lead.key.as_str()))>
                                {move || lead.name.in_lang(lang.get()).to_string()}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-status" class="label">{move || t(lang.get()).status}</label>
                    <select id="f-status" name="status"
                        prop:value=move || state.with(|s| s.status.map(|s| s.key()).unwrap_or_default())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            ctx.update(true, |s| s.status = Status::from_key(&v));
                        }>
                        <option value="">{move || t(lang.get()).any_status}</option>
                        {Status::ALL.into_iter().map(|st| view! {
                            <option value=st.key() selected=move || state.with(|s| s.status == Some(st))>
                                {move || i18n::status_name(st, lang.get())}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            </div>
            </details>
            {move || has_filters.get().then(|| view! {
                <button type="button" class="reset" data-test="reset"
                    on:click=move |_| {
                        let next = state.with_untracked(|s| s.cleared_filters());
                        ctx.navigate(next, true);
                    }>
                    {move || t(lang.get()).reset}
                </button>
            })}
        </form>
    }
}
