//! Lists in pages: which items each page of a list holds, where the pages
//! are, and the pager a page shows (`docs/paging.md`). A list's first page
//! is at the list's own address, the others at `LIST/page/N/`.

use super::views::{PageLink, PagerView};
use crate::urls::{self, Urls};

/// One page of a list: which one, of how many items, in pages of `size`.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Paging {
    /// The list's address, a site path ending in `/` (`services/`).
    pub list: String,
    /// 1 for the first page.
    pub number: usize,
    pub size: usize,
    pub total: usize,
}

/// Links the pager shows on either side of the current page, besides the
/// first and the last: enough to step along, few enough for a phone.
const NEAR: usize = 2;

impl Paging {
    /// Every page of a list of `total` items: one page even when it is empty.
    pub fn pages(list: &str, total: usize, size: usize) -> Vec<Paging> {
        let count = page_count(total, size);
        (1..=count).map(|number| Paging { list: list.to_string(), number, size, total }).collect()
    }

    /// Where the items of this page are in the list.
    pub fn range(&self) -> std::ops::Range<usize> {
        let start = ((self.number - 1) * self.size).min(self.total);
        start..(start + self.size).min(self.total)
    }

    pub fn count(&self) -> usize {
        page_count(self.total, self.size)
    }

    /// This page's site path.
    pub fn path(&self) -> String {
        urls::list_page(&self.list, self.number)
    }

    /// What the template shows: "Showing 51–100 of 4,089", the page links,
    /// and the previous and next pages for `<link rel>`.
    pub fn view(&self, urls: &Urls) -> PagerView {
        let count = self.count();
        let range = self.range();
        let link = |n: usize| urls.link(&urls::list_page(&self.list, n));
        let mut links = Vec::new();
        let mut last_shown = 0;
        for n in 1..=count {
            let near = n.abs_diff(self.number) <= NEAR;
            if n == 1 || n == count || near {
                if n > last_shown + 1 {
                    links.push(PageLink { number: 0, url: String::new(), current: false, gap: true });
                }
                links.push(PageLink { number: n, url: link(n), current: n == self.number, gap: false });
                last_shown = n;
            }
        }
        PagerView {
            number: self.number,
            count,
            total: self.total,
            size: self.size,
            first_item: if range.is_empty() { 0 } else { range.start + 1 },
            last_item: range.end,
            showing: showing(&range, self.total),
            prev: if self.number > 1 { link(self.number - 1) } else { String::new() },
            next: if self.number < count { link(self.number + 1) } else { String::new() },
            links,
        }
    }
}

fn page_count(total: usize, size: usize) -> usize {
    total.div_ceil(size.max(1)).max(1)
}

/// "Showing 51–100 of 4,089", "Showing 1 of 1", "Showing 0 of 0".
fn showing(range: &std::ops::Range<usize>, total: usize) -> String {
    match range.len() {
        0 => format!("Showing 0 of {}", thousands(total)),
        1 => format!("Showing {} of {}", thousands(range.end), thousands(total)),
        _ => format!("Showing {}–{} of {}", thousands(range.start + 1), thousands(range.end), thousands(total)),
    }
}

/// `4089` → `4,089`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls() -> Urls {
        Urls::new("https://x.org", "/")
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(4089), "4,089");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn a_list_splits_into_pages_of_the_size() {
        assert_eq!(Paging::pages("services/", 0, 50).len(), 1);
        assert_eq!(Paging::pages("services/", 50, 50).len(), 1);
        assert_eq!(Paging::pages("services/", 51, 50).len(), 2);
        let pages = Paging::pages("services/", 4089, 50);
        assert_eq!(pages.len(), 82);
        assert_eq!(pages[1].range(), 50..100);
        assert_eq!(pages[81].range(), 4050..4089);
        assert_eq!(pages[1].path(), "services/page/2/");
    }

    #[test]
    fn the_pager_says_what_it_shows_and_links_its_neighbours() {
        let second = &Paging::pages("services/", 4089, 50)[1];
        let view = second.view(&urls());
        assert_eq!(view.showing, "Showing 51–100 of 4,089");
        assert_eq!(view.prev, "/services/");
        assert_eq!(view.next, "/services/page/3/");
        let numbers: Vec<usize> = view.links.iter().map(|l| l.number).collect();
        // 1 2 3 4 … 82: a gap is number 0.
        assert_eq!(numbers, [1, 2, 3, 4, 0, 82]);
        assert!(view.links[1].current && !view.links[0].current);
        let empty = Paging::pages("services/category/x/", 0, 50)[0].view(&urls());
        assert_eq!((empty.showing.as_str(), empty.prev.as_str(), empty.next.as_str()), ("Showing 0 of 0", "", ""));
        let one = Paging::pages("services/", 51, 50)[1].view(&urls());
        assert_eq!(one.showing, "Showing 51 of 51");
    }
}
