//! A plotters backend for a canvas's 2D context: the page's `<canvas>` elements (the lab's and the
//! embed's charts) and an `OffscreenCanvas` in a worker (the explorations' charts).
//!
//! Why not plotters-canvas everywhere (it still draws the explorations on the page):
//! - it draws on an `HtmlCanvasElement` only (it checks that its context is a
//!   `CanvasRenderingContext2D`, which an offscreen context is not). An
//!   `OffscreenCanvasRenderingContext2D` has the same drawing methods, so this backend calls them
//!   through web-sys's `CanvasRenderingContext2d` binding: wasm-bindgen calls a method by name and
//!   does not check the class of `this`;
//! - it writes every colour's alpha and every font size with Rust's float formatting, which brings
//!   about 9 KB (gzipped) of formatting code into the page's package, whose budget is 120 KB. This
//!   one writes them with the model's `show` (ryu-js), already in the package.

use std::f64::consts::TAU;
use std::fmt;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, OffscreenCanvas};

use crate::model::params::show;

/// What went wrong while drawing: the browser's exception, as text.
#[derive(Debug)]
pub struct CanvasError(String);

impl fmt::Display for CanvasError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanvasError {}

fn failed(e: JsValue) -> DrawingErrorKind<CanvasError> {
    let text = e.as_string().unwrap_or_else(|| format!("{e:?}"));
    DrawingErrorKind::DrawingError(CanvasError(text))
}

/// The canvas drawn on (only the explorations draw offscreen).
enum Surface {
    Element(HtmlCanvasElement),
    #[cfg_attr(not(feature = "explore"), allow(dead_code))]
    Offscreen(OffscreenCanvas),
}

/// Draws on a canvas through its 2D context.
pub struct ContextBackend {
    surface: Surface,
    context: CanvasRenderingContext2d,
    /// The last fill colour set (rgb, alpha), so runs of one colour set it once.
    fill: Option<((u8, u8, u8), f64)>,
}

impl ContextBackend {
    /// The backend for a page's `<canvas>`, or `None` when it has no 2D context (one already
    /// taken as WebGL, say).
    pub fn for_element(canvas: HtmlCanvasElement) -> Option<Self> {
        let context = canvas.get_context("2d").ok()??;
        Some(ContextBackend {
            surface: Surface::Element(canvas),
            context: context.unchecked_into(),
            fill: None,
        })
    }

    /// The backend for an `OffscreenCanvas`, or `None` when it has no 2D context.
    #[cfg_attr(not(feature = "explore"), allow(dead_code))]
    pub fn for_offscreen(canvas: OffscreenCanvas) -> Option<Self> {
        let context = canvas.get_context("2d").ok()??;
        Some(ContextBackend {
            surface: Surface::Offscreen(canvas),
            context: context.unchecked_into(),
            fill: None,
        })
    }

    fn set_fill(&mut self, color: BackendColor) {
        let key = (color.rgb, color.alpha);
        if self.fill != Some(key) {
            self.context.set_fill_style_str(&css(color));
            self.fill = Some(key);
        }
    }

    fn set_stroke(&mut self, style: &impl BackendStyle) {
        self.context.set_stroke_style_str(&css(style.color()));
        self.context.set_line_width(f64::from(style.stroke_width()));
    }

    /// Traces a polyline as the current path.
    fn trace(&self, points: impl IntoIterator<Item = BackendCoord>) -> bool {
        let mut points = points.into_iter();
        self.context.begin_path();
        let Some((x, y)) = points.next() else { return false };
        self.context.move_to(f64::from(x), f64::from(y));
        for (x, y) in points {
            self.context.line_to(f64::from(x), f64::from(y));
        }
        true
    }
}

/// A colour as CSS.
fn css(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    format!("rgba({r},{g},{b},{})", show(color.alpha))
}

impl DrawingBackend for ContextBackend {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        match &self.surface {
            Surface::Element(c) => (c.width(), c.height()),
            Surface::Offscreen(c) => (c.width(), c.height()),
        }
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    /// A page's canvas shows what was drawn when the page next paints, and an offscreen canvas
    /// tied to a page's `<canvas>` at the end of the worker's task: nothing to flush.
    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        (x, y): BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if color.alpha > 0.0 {
            self.set_fill(color);
            self.context.fill_rect(f64::from(x), f64::from(y), 1.0, 1.0);
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        // A one-pixel line along a pixel row or column is drawn through the pixels' centres, so
        // it stays one sharp pixel wide instead of two blurred ones.
        let odd = style.stroke_width() % 2 == 1;
        let (mut a, mut b) =
            ((f64::from(from.0), f64::from(from.1)), (f64::from(to.0), f64::from(to.1)));
        if odd && from.0 == to.0 {
            a.0 += 0.5;
            b.0 += 0.5;
        }
        if odd && from.1 == to.1 {
            a.1 += 0.5;
            b.1 += 0.5;
        }
        self.set_stroke(style);
        self.context.begin_path();
        self.context.move_to(a.0, a.1);
        self.context.line_to(b.0, b.1);
        self.context.stroke();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (x, y, w, h) = (f64::from(x0), f64::from(y0), f64::from(x1 - x0), f64::from(y1 - y0));
        if fill {
            self.set_fill(style.color());
            self.context.fill_rect(x, y, w, h);
        } else {
            self.set_stroke(style);
            self.context.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.set_stroke(style);
        self.context.set_line_join("round");
        if self.trace(path) {
            self.context.stroke();
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.set_fill(style.color());
        if self.trace(vertices) {
            self.context.close_path();
            self.context.fill();
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.context.begin_path();
        self.context
            .arc(f64::from(x), f64::from(y), f64::from(radius), 0.0, TAU)
            .map_err(failed)?;
        if fill {
            self.set_fill(style.color());
            self.context.fill();
        } else {
            self.set_stroke(style);
            self.context.stroke();
        }
        Ok(())
    }

    /// Text is laid out by the browser: the anchor becomes the context's alignment and baseline.
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let turn = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 0.25,
            FontTransform::Rotate180 => 0.5,
            FontTransform::Rotate270 => 0.75,
        };
        let anchor = style.anchor();
        self.context.set_text_align(match anchor.h_pos {
            HPos::Left => "left",
            HPos::Center => "center",
            HPos::Right => "right",
        });
        self.context.set_text_baseline(match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            show(style.size()),
            style.family().as_str()
        ));
        self.set_fill(color);
        if turn == 0.0 {
            self.context.fill_text(text, f64::from(x), f64::from(y)).map_err(failed)?;
        } else {
            self.context.save();
            self.context.translate(f64::from(x), f64::from(y)).map_err(failed)?;
            self.context.rotate(turn * TAU).map_err(failed)?;
            let drawn = self.context.fill_text(text, 0.0, 0.0).map_err(failed);
            self.context.restore();
            // restore() brings back the fill style saved before; forget the cached one.
            self.fill = None;
            drawn?;
        }
        Ok(())
    }
}
