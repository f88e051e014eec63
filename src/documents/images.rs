//! The images a letter prints, the sender's logo and signature: checked as the user gives them (PNG or
//! JPEG, within size limits, refused in French otherwise) and normalised to a PNG small enough to store and
//! print (a JPEG becomes a PNG: one format kept, one decoder at print time). Pure: bytes in, bytes out.

use image::{DynamicImage, GenericImageView, ImageFormat};

/// Largest file accepted, in bytes (a phone photo of a signature is 2 to 4 MB).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Largest side accepted before decoding, in pixels: bounds the memory a decoded image takes.
pub const MAX_SIDE_PIXELS: u32 = 6000;
/// Smallest side accepted, in pixels: below it, nothing legible prints.
pub const MIN_SIDE_PIXELS: u32 = 16;
/// Largest side kept, in pixels: about 300 dpi at the largest size a letter prints it (80 mm).
pub const STORED_SIDE_PIXELS: u32 = 1000;

/// Checks an image the user gave (the file's `name` is only for messages) and returns it as PNG bytes,
/// reduced to at most [`STORED_SIDE_PIXELS`] on its longer side; or the French reason it is refused.
pub fn normalise(name: &str, bytes: &[u8]) -> Result<Vec<u8>, String> {
    if bytes.is_empty() {
        return Err(format!("« {name} » est vide : choisissez une image PNG ou JPEG."));
    }
    check_size(name, bytes.len() as u64)?;
    let format = match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Png | ImageFormat::Jpeg)) => format,
        _ => {
            return Err(format!(
                "« {name} » n'est pas une image PNG ou JPEG : enregistrez-la dans l'un de ces formats (un scan en PDF \
                 ne convient pas)."
            ))
        }
    };
    let reader = image::io::Reader::with_format(std::io::Cursor::new(bytes), format);
    let (width, height) = reader.into_dimensions().map_err(|_| unreadable(name))?;
    if width > MAX_SIDE_PIXELS || height > MAX_SIDE_PIXELS {
        return Err(format!(
            "« {name} » mesure {width} × {height} pixels : {MAX_SIDE_PIXELS} pixels de côté au plus. Réduisez-la avant \
             de la choisir."
        ));
    }
    if width < MIN_SIDE_PIXELS || height < MIN_SIDE_PIXELS {
        return Err(format!(
            "« {name} » mesure {width} × {height} pixels : trop petite pour être imprimée lisiblement \
             ({MIN_SIDE_PIXELS} pixels de côté au moins)."
        ));
    }
    let decoded = image::load_from_memory_with_format(bytes, format).map_err(|_| unreadable(name))?;
    let kept: DynamicImage = if decoded.width() > STORED_SIDE_PIXELS || decoded.height() > STORED_SIDE_PIXELS {
        decoded.thumbnail(STORED_SIDE_PIXELS, STORED_SIDE_PIXELS)
    } else {
        decoded
    };
    let mut png = Vec::new();
    kept.write_to(&mut png, ImageFormat::Png).map_err(|_| unreadable(name))?;
    Ok(png)
}

/// Refuses a file heavier than [`MAX_FILE_BYTES`] by its size alone (before it is read).
pub fn check_size(name: &str, bytes: u64) -> Result<(), String> {
    if bytes > MAX_FILE_BYTES as u64 {
        return Err(format!(
            "« {name} » pèse {} : {} Mo au plus. Enregistrez l'image en plus petit (1000 pixels de large suffisent).",
            megabytes(bytes),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
}

/// The pixel size of stored PNG bytes, for the profile page.
pub fn dimensions(png: &[u8]) -> Option<(u32, u32)> {
    image::io::Reader::with_format(std::io::Cursor::new(png), ImageFormat::Png).into_dimensions().ok()
}

fn unreadable(name: &str) -> String {
    format!("« {name} » ne peut pas être lue comme image (fichier abîmé ou incomplet) : enregistrez-la à nouveau.")
}

/// « 9,4 Mo ».
fn megabytes(bytes: u64) -> String {
    let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
    format!("{},{} Mo", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb};

    fn encoded(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
        let image = DynamicImage::ImageRgb8(ImageBuffer::from_fn(width, height, |x, _| Rgb([(x % 255) as u8, 0, 0])));
        let mut bytes = Vec::new();
        image.write_to(&mut bytes, format).unwrap();
        bytes
    }

    #[test]
    fn png_and_jpeg_are_kept_as_png_reduced_to_the_stored_size() {
        for format in [ImageFormat::Png, ImageFormat::Jpeg] {
            let png = normalise("signature", &encoded(2400, 600, format)).unwrap();
            assert_eq!(image::guess_format(&png).unwrap(), ImageFormat::Png);
            assert_eq!(dimensions(&png), Some((1000, 250)));
        }
        let small = normalise("logo", &encoded(300, 120, ImageFormat::Png)).unwrap();
        assert_eq!(dimensions(&small), Some((300, 120)));
    }

    #[test]
    fn other_files_are_refused_in_french() {
        let cases: [(&[u8], &str); 4] = [
            (b"", "est vide"),
            (b"%PDF-1.4\n", "n'est pas une image PNG ou JPEG"),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "ne peut pas être lue"),
            (b"GIF89a", "n'est pas une image PNG ou JPEG"),
        ];
        for (bytes, expected) in cases {
            let refused = normalise("fichier", bytes).unwrap_err();
            assert!(refused.contains(expected), "{refused}");
        }
        assert!(normalise("minuscule", &encoded(8, 8, ImageFormat::Png)).unwrap_err().contains("trop petite"));
        let heavy = vec![0u8; MAX_FILE_BYTES + 1];
        assert!(normalise("lourd", &heavy).unwrap_err().contains("8 Mo au plus"));
    }
}
