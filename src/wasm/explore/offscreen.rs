//! A plotters backend for an `OffscreenCanvas`, so a worker can draw the explorations' charts and
//! the page's thread only shows them.
//!
//! plotters-canvas draws on an `HtmlCanvasElement` only (it checks that its context is a
//! `CanvasRenderingContext2D`, which an offscreen context is not). An
//! `OffscreenCanvasRenderingContext2D` has the same drawing methods, so this backend calls them
//! through web-sys's `CanvasRenderingContext2d` binding: wasm-bindgen calls a method by name and
//! does not check the class of `this`.

use std::f64::consts::TAU;
use std::fmt;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, OffscreenCanvas};

/// What went wrong while drawing: the browser's exception, as text.
#[derive(Debug)]
pub struct OffscreenError(String);

impl fmt::Display for OffscreenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OffscreenError {}

fn failed(e: JsValue) -> DrawingErrorKind<OffscreenError> {
    let text = e.as_string().unwrap_or_else(|| format!("{e:?}"));
    DrawingErrorKind::DrawingError(OffscreenError(text))
}

/// Draws on an `OffscreenCanvas` through its 2D context.
pub struct OffscreenBackend {
    canvas: OffscreenCanvas,
    context: CanvasRenderingContext2d,
    /// The last fill colour set (rgb, alpha), so runs of one colour set it once.
    fill: Option<((u8, u8, u8), f64)>,
}

impl OffscreenBackend {
    /// The backend for `canvas`, or `None` when it has no 2D context (one already taken as
    /// WebGL, say).
    pub fn new(canvas: OffscreenCanvas) -> Option<Self> {
        let context = canvas.get_context("2d").ok()??;
        Some(OffscreenBackend { canvas, context: context.unchecked_into(), fill: None })
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
    format!("rgba({r},{g},{b},{})", color.alpha)
}

impl DrawingBackend for OffscreenBackend {
    type ErrorType = OffscreenError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<OffscreenError>> {
        Ok(())
    }

    /// An offscreen canvas tied to a page's `<canvas>` shows what was drawn at the end of the
    /// worker's task; nothing to flush.
    fn present(&mut self) -> Result<(), DrawingErrorKind<OffscreenError>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        (x, y): BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<OffscreenError>> {
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
    ) -> Result<(), DrawingErrorKind<OffscreenError>> {
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
    ) -> Result<(), DrawingErrorKind<OffscreenError>> {
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
    ) -> Result<(), DrawingErrorKind<OffscreenError>> {
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
    ) -> Result<(), DrawingErrorKind<OffscreenError>> {
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
    ) -> Result<(), DrawingErrorKind<OffscreenError>> {
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
    ) -> Result<(), DrawingErrorKind<OffscreenError>> {
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
            style.size(),
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
