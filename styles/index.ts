// Self-hosted fonts: decks must render the same offline, on a projector and in the PDF.
// The families match theme-default's defaults ("Nunito Sans", "Fira Code").
import '@fontsource/nunito-sans/400.css'
import '@fontsource/nunito-sans/600.css'
import '@fontsource/nunito-sans/700.css'
import '@fontsource/nunito-sans/400-italic.css'
import '@fontsource/fira-code/400.css'
import '@fontsource/fira-code/600.css'
import './talks.css'
