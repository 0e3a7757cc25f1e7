<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kn">
<context>
    <name>ApprovalBox</name>
    <message>
        <source>Supervisor&apos;s finger (F2)</source>
        <translation>ಮೇಲ್ವಿಚಾರಕರ ಬೆರಳು (F2)</translation>
    </message>
    <message>
        <source>Approve with PIN</source>
        <translation>ಪಿನ್ ಮೂಲಕ ಅನುಮೋದಿಸಿ</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>ಮೇಲ್ವಿಚಾರಕರು</translation>
    </message>
    <message>
        <source>Supervisor&apos;s PIN</source>
        <translation>ಮೇಲ್ವಿಚಾರಕರ ಪಿನ್</translation>
    </message>
    <message>
        <source>No supervisor is known at this counter.</source>
        <translation>ಈ ಕೌಂಟರಿನಲ್ಲಿ ಯಾವುದೇ ಮೇಲ್ವಿಚಾರಕರು ತಿಳಿದಿಲ್ಲ.</translation>
    </message>
    <message>
        <source>Type the supervisor&apos;s PIN first.</source>
        <translation>ಮೊದಲು ಮೇಲ್ವಿಚಾರಕರ ಪಿನ್ ನಮೂದಿಸಿ.</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Cancel receipt %1</source>
        <translation>ರಶೀದಿ %1 ರದ್ದುಗೊಳಿಸಿ</translation>
    </message>
    <message>
        <source>Supervisor&apos;s finger (F2)</source>
        <translation>ಮೇಲ್ವಿಚಾರಕರ ಬೆರಳು (F2)</translation>
    </message>
    <message>
        <source>Approve with PIN</source>
        <translation>ಪಿನ್ ಮೂಲಕ ಅನುಮೋದಿಸಿ</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>ಹಿಂದೆ (Esc)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>ಕಾರಣ</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>ಮೇಲ್ವಿಚಾರಕರು</translation>
    </message>
    <message>
        <source>Supervisor&apos;s PIN</source>
        <translation>ಮೇಲ್ವಿಚಾರಕರ ಪಿನ್</translation>
    </message>
    <message>
        <source>A cancelled receipt stays in the journal, marked cancelled.</source>
        <translation>ರದ್ದಾದ ರಶೀದಿ ದಿನಚರಿಯಲ್ಲಿ ಉಳಿಯುತ್ತದೆ, ರದ್ದು ಎಂದು ಗುರುತಿಸಲಾಗುತ್ತದೆ.</translation>
    </message>
    <message>
        <source>Give the reason (at least %1 letters).</source>
        <translation>ಕಾರಣ ನೀಡಿ (ಕನಿಷ್ಠ %1 ಅಕ್ಷರಗಳು).</translation>
    </message>
    <message>
        <source>No supervisor is known at this counter.</source>
        <translation>ಈ ಕೌಂಟರ್‌ನಲ್ಲಿ ಯಾವುದೇ ಮೇಲ್ವಿಚಾರಕರು ದಾಖಲಾಗಿಲ್ಲ.</translation>
    </message>
    <message>
        <source>Supervisor: place your finger on the sensor…</source>
        <translation>ಮೇಲ್ವಿಚಾರಕರೇ: ಸಂವೇದಕದ ಮೇಲೆ ಬೆರಳು ಇಡಿ…</translation>
    </message>
    <message>
        <source>Type the supervisor&apos;s PIN first.</source>
        <translation>ಮೊದಲು ಮೇಲ್ವಿಚಾರಕರ ಪಿನ್ ನಮೂದಿಸಿ.</translation>
    </message>
</context>
<context>
    <name>CashDialog</name>
    <message>
        <source>Amount ₹</source>
        <translation>ಮೊತ್ತ ₹</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ಟಿಪ್ಪಣಿ</translation>
    </message>
    <message>
        <source>Write a note (e.g. opening float, to bank).</source>
        <translation>ಟಿಪ್ಪಣಿ ಬರೆಯಿರಿ (ಉದಾ. ಆರಂಭಿಕ ನಗದು, ಬ್ಯಾಂಕಿಗೆ).</translation>
    </message>
</context>
<context>
    <name>CloseDayDialog</name>
    <message>
        <source>Close the day book</source>
        <translation>ದಿನದ ಪುಸ್ತಕ ಮುಚ್ಚಿ</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>ಹಿಂದೆ (Esc)</translation>
    </message>
    <message>
        <source>Every cashier&apos;s shift must be closed first. After closing, nothing more takes this business date; receipts take the next one.</source>
        <translation>ಮೊದಲು ಪ್ರತಿ ಕ್ಯಾಷಿಯರ್‌ರ ಪಾಳಿ ಮುಚ್ಚಬೇಕು. ಮುಚ್ಚಿದ ನಂತರ ಈ ವ್ಯವಹಾರ ದಿನಾಂಕಕ್ಕೆ ಏನೂ ಸೇರುವುದಿಲ್ಲ; ರಸೀದಿಗಳು ಮುಂದಿನ ದಿನಾಂಕ ಪಡೆಯುತ್ತವೆ.</translation>
    </message>
</context>
<context>
    <name>ClosingDialog</name>
    <message>
        <source>Close the shift of %1</source>
        <translation>%1 ಅವರ ಪಾಳಿ ಮುಚ್ಚಿ</translation>
    </message>
    <message>
        <source>Cash counted</source>
        <translation>ಎಣಿಸಿದ ನಗದು</translation>
    </message>
    <message>
        <source>Notes and coins</source>
        <translation>ನೋಟುಗಳು ಮತ್ತು ನಾಣ್ಯಗಳು</translation>
    </message>
    <message>
        <source>Cheques and drafts in the drawer</source>
        <translation>ಡ್ರಾಯರ್‌ನಲ್ಲಿರುವ ಚೆಕ್ ಮತ್ತು ಡ್ರಾಫ್ಟ್‌ಗಳು</translation>
    </message>
    <message>
        <source>Card total (settlement slip)</source>
        <translation>ಕಾರ್ಡ್ ಒಟ್ಟು (ಸೆಟಲ್‌ಮೆಂಟ್ ಚೀಟಿ)</translation>
    </message>
    <message>
        <source>UPI total</source>
        <translation>ಯುಪಿಐ ಒಟ್ಟು</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>ಹಿಂದೆ (Esc)</translation>
    </message>
    <message>
        <source>Reason for an over/short</source>
        <translation>ಹೆಚ್ಚು/ಕಡಿಮೆಗೆ ಕಾರಣ</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>ನಿರೀಕ್ಷಿತ</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>ಎಣಿಸಿದ್ದು</translation>
    </message>
    <message>
        <source>Over/short</source>
        <translation>ಹೆಚ್ಚು/ಕಡಿಮೆ</translation>
    </message>
    <message>
        <source>Nothing to close: no entries since the last closing.</source>
        <translation>ಮುಚ್ಚಲು ಏನೂ ಇಲ್ಲ: ಕೊನೆಯ ಮುಕ್ತಾಯದ ನಂತರ ಯಾವುದೇ ನಮೂದುಗಳಿಲ್ಲ.</translation>
    </message>
</context>
<context>
    <name>CollectionPage</name>
    <message>
        <source>Save and print (F9)</source>
        <translation>ಉಳಿಸಿ ಮತ್ತು ಮುದ್ರಿಸಿ (F9)</translation>
    </message>
    <message>
        <source>Back out (Esc)</source>
        <translation>ಹಿಂದೆ ಸರಿಯಿರಿ (Esc)</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>ಮರುಮುದ್ರಣ</translation>
    </message>
    <message>
        <source>Today&apos;s receipts</source>
        <translation>ಇಂದಿನ ರಶೀದಿಗಳು</translation>
    </message>
    <message>
        <source>Reprint (F7)</source>
        <translation>ಮರುಮುದ್ರಣ (F7)</translation>
    </message>
    <message>
        <source>Cancel receipt (F8)</source>
        <translation>ರಶೀದಿ ರದ್ದು (F8)</translation>
    </message>
    <message>
        <source>Cash in (F10)</source>
        <translation>ನಗದು ಜಮೆ (F10)</translation>
    </message>
    <message>
        <source>Cash out (F11)</source>
        <translation>ನಗದು ಹೊರಕ್ಕೆ (F11)</translation>
    </message>
    <message>
        <source>%1 receipts, %2</source>
        <translation>%1 ರಶೀದಿಗಳು, %2</translation>
    </message>
    <message>
        <source>Receipt %1 saved: %2</source>
        <translation>ರಶೀದಿ %1 ಉಳಿಸಲಾಗಿದೆ: %2</translation>
    </message>
    <message>
        <source>Receipt %1 is saved, but it was not printed: %2. Do not take the money again. Check the printer, then press Reprint.</source>
        <translation>ರಶೀದಿ %1 ಉಳಿಸಲಾಗಿದೆ, ಆದರೆ ಮುದ್ರಣವಾಗಿಲ್ಲ: %2. ಹಣವನ್ನು ಮತ್ತೆ ಪಡೆಯಬೇಡಿ. ಮುದ್ರಕವನ್ನು ಪರಿಶೀಲಿಸಿ, ನಂತರ ಮರುಮುದ್ರಣ ಒತ್ತಿರಿ.</translation>
    </message>
    <message>
        <source>printer failed</source>
        <translation>ಮುದ್ರಕ ವಿಫಲವಾಯಿತು</translation>
    </message>
    <message>
        <source>Choose a receipt in the list first.</source>
        <translation>ಮೊದಲು ಪಟ್ಟಿಯಲ್ಲಿ ಒಂದು ರಶೀದಿಯನ್ನು ಆಯ್ಕೆಮಾಡಿ.</translation>
    </message>
    <message>
        <source>Reprint %1</source>
        <translation>%1 ಮರುಮುದ್ರಣ</translation>
    </message>
    <message>
        <source>Why is it printed again? (the copy is marked DUPLICATE)</source>
        <translation>ಮತ್ತೆ ಏಕೆ ಮುದ್ರಿಸಲಾಗುತ್ತಿದೆ? (ಪ್ರತಿಯನ್ನು ನಕಲು ಎಂದು ಗುರುತಿಸಲಾಗುತ್ತದೆ)</translation>
    </message>
    <message>
        <source>Receipt %1 cancelled.</source>
        <translation>ರಶೀದಿ %1 ರದ್ದಾಗಿದೆ.</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>ನಗದು ಜಮೆ</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>ನಗದು ಹೊರಕ್ಕೆ</translation>
    </message>
    <message>
        <source>Cash in: %1</source>
        <translation>ನಗದು ಜಮೆ: %1</translation>
    </message>
    <message>
        <source>Cash out: %1</source>
        <translation>ನಗದು ಹೊರಕ್ಕೆ: %1</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <source>Centre: connecting…</source>
        <translation>ಕೇಂದ್ರ: ಸಂಪರ್ಕಿಸಲಾಗುತ್ತಿದೆ…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>ಆನ್‌ಲೈನ್</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>ಆಫ್‌ಲೈನ್</translation>
    </message>
    <message numerus="yes">
        <source>Waiting to sync: %n</source>
        <translation>
            <numerusform>ಸಿಂಕ್‌ಗೆ ಕಾಯುತ್ತಿರುವುದು: %n</numerusform>
            <numerusform>ಸಿಂಕ್‌ಗೆ ಕಾಯುತ್ತಿರುವುದು: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>ಕೊನೆಯ ಸಿಂಕ್: ಇನ್ನೂ ಆಗಿಲ್ಲ</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>ಕೊನೆಯ ಸಿಂಕ್: %1</translation>
    </message>
    <message>
        <source>Printer: none</source>
        <translation>ಮುದ್ರಕ: ಇಲ್ಲ</translation>
    </message>
    <message>
        <source>Printer: ready</source>
        <translation>ಮುದ್ರಕ: ಸಿದ್ಧ</translation>
    </message>
    <message>
        <source>Printer: not reachable</source>
        <translation>ಮುದ್ರಕ: ಸಂಪರ್ಕವಿಲ್ಲ</translation>
    </message>
    <message>
        <source>Printer: printing</source>
        <translation>ಮುದ್ರಕ: ಮುದ್ರಿಸುತ್ತಿದೆ</translation>
    </message>
    <message>
        <source>Printer: state not known</source>
        <translation>ಮುದ್ರಕ: ಸ್ಥಿತಿ ತಿಳಿದಿಲ್ಲ</translation>
    </message>
    <message>
        <source>Printer: out of paper</source>
        <translation>ಮುದ್ರಕ: ಕಾಗದ ಮುಗಿದಿದೆ</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>ಕಾಗದ ಕಡಿಮೆ</translation>
    </message>
</context>
<context>
    <name>DaybookPage</name>
    <message>
        <source>Day book</source>
        <translation>ದಿನದ ಪುಸ್ತಕ</translation>
    </message>
    <message>
        <source>Shift of</source>
        <translation>ಪಾಳಿ</translation>
    </message>
    <message>
        <source>Report date</source>
        <translation>ವರದಿಯ ದಿನಾಂಕ</translation>
    </message>
    <message>
        <source>Close this shift (F5)</source>
        <translation>ಈ ಪಾಳಿ ಮುಚ್ಚಿ (F5)</translation>
    </message>
    <message>
        <source>Close the day book (F6)</source>
        <translation>ದಿನದ ಪುಸ್ತಕ ಮುಚ್ಚಿ (F6)</translation>
    </message>
    <message>
        <source>Reopen the day book (F7)</source>
        <translation>ದಿನದ ಪುಸ್ತಕ ಮತ್ತೆ ತೆರೆಯಿರಿ (F7)</translation>
    </message>
    <message>
        <source>Remittance to bank (F8)</source>
        <translation>ಬ್ಯಾಂಕಿಗೆ ಜಮಾ (F8)</translation>
    </message>
    <message>
        <source>Print the DCR (F9)</source>
        <translation>ದೈನಂದಿನ ಸಂಗ್ರಹ ವರದಿ ಮುದ್ರಿಸಿ (F9)</translation>
    </message>
    <message>
        <source>Save the DCR as PDF (F10)</source>
        <translation>ದೈನಂದಿನ ಸಂಗ್ರಹ ವರದಿ PDF ಆಗಿ ಉಳಿಸಿ (F10)</translation>
    </message>
    <message>
        <source>Back to collection (Esc)</source>
        <translation>ಸಂಗ್ರಹಕ್ಕೆ ಹಿಂದಿರುಗಿ (Esc)</translation>
    </message>
    <message>
        <source>Open day book: %1.</source>
        <translation>ತೆರೆದ ದಿನದ ಪುಸ್ತಕ: %1.</translation>
    </message>
    <message>
        <source>Shifts still open: %1.</source>
        <translation>ಇನ್ನೂ ತೆರೆದಿರುವ ಪಾಳಿಗಳು: %1.</translation>
    </message>
    <message>
        <source>Every shift is closed.</source>
        <translation>ಎಲ್ಲಾ ಪಾಳಿಗಳು ಮುಚ್ಚಿವೆ.</translation>
    </message>
    <message>
        <source>No day book is open; %1 is closed.</source>
        <translation>ಯಾವುದೇ ದಿನದ ಪುಸ್ತಕ ತೆರೆದಿಲ್ಲ; %1 ಮುಚ್ಚಿದೆ.</translation>
    </message>
    <message>
        <source>No day book yet.</source>
        <translation>ಇನ್ನೂ ದಿನದ ಪುಸ್ತಕ ಇಲ್ಲ.</translation>
    </message>
    <message>
        <source>The shift is closed.</source>
        <translation>ಪಾಳಿ ಮುಚ್ಚಲಾಗಿದೆ.</translation>
    </message>
    <message>
        <source>The day book is closed.</source>
        <translation>ದಿನದ ಪುಸ್ತಕ ಮುಚ್ಚಲಾಗಿದೆ.</translation>
    </message>
    <message>
        <source>The day book is reopened.</source>
        <translation>ದಿನದ ಪುಸ್ತಕ ಮತ್ತೆ ತೆರೆಯಲಾಗಿದೆ.</translation>
    </message>
    <message>
        <source>The remittance is recorded.</source>
        <translation>ಜಮಾ ದಾಖಲಾಗಿದೆ.</translation>
    </message>
    <message>
        <source>The remittance is recorded; pay-in slip: %1</source>
        <translation>ಜಮಾ ದಾಖಲಾಗಿದೆ; ಜಮಾ ಚೀಟಿ: %1</translation>
    </message>
    <message>
        <source>No receipt printer is set up at this counter.</source>
        <translation>ಈ ಕೌಂಟರಿನಲ್ಲಿ ರಸೀದಿ ಮುದ್ರಕ ಹೊಂದಿಸಿಲ್ಲ.</translation>
    </message>
    <message>
        <source>The DCR is printed.</source>
        <translation>ದೈನಂದಿನ ಸಂಗ್ರಹ ವರದಿ ಮುದ್ರಿಸಲಾಗಿದೆ.</translation>
    </message>
    <message>
        <source>The DCR is saved: %1</source>
        <translation>ದೈನಂದಿನ ಸಂಗ್ರಹ ವರದಿ ಉಳಿಸಲಾಗಿದೆ: %1</translation>
    </message>
</context>
<context>
    <name>DuesPanel</name>
    <message>
        <source>RR number</source>
        <translation>ಆರ್‌ಆರ್ ಸಂಖ್ಯೆ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ಹೆಸರು</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>ವಿಳಾಸ</translation>
    </message>
    <message>
        <source>Account · tariff</source>
        <translation>ಖಾತೆ · ದರ ವರ್ಗ</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>ಬಾಕಿ</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>ಈ ಸಮಯದಂತೆ</translation>
    </message>
    <message>
        <source>No consumer chosen: search on the left.</source>
        <translation>ಯಾವುದೇ ಗ್ರಾಹಕರನ್ನು ಆಯ್ಕೆ ಮಾಡಿಲ್ಲ: ಎಡಭಾಗದಲ್ಲಿ ಹುಡುಕಿ.</translation>
    </message>
    <message>
        <source>(not known here)</source>
        <translation>(ಇಲ್ಲಿ ತಿಳಿದಿಲ್ಲ)</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>ತಿಳಿದಿಲ್ಲ</translation>
    </message>
    <message>
        <source>%1 in credit</source>
        <translation>%1 ಜಮೆಯಲ್ಲಿದೆ</translation>
    </message>
    <message>
        <source>last sync %1</source>
        <translation>ಕೊನೆಯ ಸಿಂಕ್ %1</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>ಓದಲಾಗುತ್ತಿದೆ…</translation>
    </message>
    <message>
        <source>looked up at the centre just now</source>
        <translation>ಈಗಷ್ಟೇ ಕೇಂದ್ರದಲ್ಲಿ ಪರಿಶೀಲಿಸಲಾಗಿದೆ</translation>
    </message>
    <message>
        <source>the centre could not be asked (offline)</source>
        <translation>ಕೇಂದ್ರವನ್ನು ಕೇಳಲಾಗಲಿಲ್ಲ (ಆಫ್‌ಲೈನ್)</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Enrol fingerprint</source>
        <translation>ಬೆರಳಚ್ಚು ನೋಂದಣಿ</translation>
    </message>
    <message>
        <source>&amp;Replace the finger enrolled before</source>
        <translation>ಹಿಂದೆ ನೋಂದಾಯಿಸಿದ ಬೆರಳನ್ನು ಬದಲಿಸಿ (&amp;R)</translation>
    </message>
    <message>
        <source>Choose the person, type your PIN and press Enter.</source>
        <translation>ವ್ಯಕ್ತಿಯನ್ನು ಆರಿಸಿ, ನಿಮ್ಮ ಪಿನ್ ನಮೂದಿಸಿ ಮತ್ತು Enter ಒತ್ತಿ.</translation>
    </message>
    <message>
        <source>Step %v of %m</source>
        <translation>%m ಹಂತಗಳಲ್ಲಿ %v ನೇ ಹಂತ</translation>
    </message>
    <message>
        <source>Enrol (Enter)</source>
        <translation>ನೋಂದಾಯಿಸಿ (Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>ಮುಚ್ಚಿ (Esc)</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>ವ್ಯಕ್ತಿ</translation>
    </message>
    <message>
        <source>Your PIN (supervisor)</source>
        <translation>ನಿಮ್ಮ ಪಿನ್ (ಮೇಲ್ವಿಚಾರಕರು)</translation>
    </message>
    <message>
        <source>Choose the person whose finger to enrol.</source>
        <translation>ಯಾರ ಬೆರಳನ್ನು ನೋಂದಾಯಿಸಬೇಕೋ ಆ ವ್ಯಕ್ತಿಯನ್ನು ಆರಿಸಿ.</translation>
    </message>
    <message>
        <source>Still reading the roster: try again in a moment.</source>
        <translation>ಸಿಬ್ಬಂದಿ ಪಟ್ಟಿಯನ್ನು ಇನ್ನೂ ಓದಲಾಗುತ್ತಿದೆ: ಸ್ವಲ್ಪ ಹೊತ್ತಿನ ನಂತರ ಮತ್ತೆ ಪ್ರಯತ್ನಿಸಿ.</translation>
    </message>
    <message>
        <source>%1 already has a finger enrolled: tick Replace to enrol a new one.</source>
        <translation>%1 ಅವರ ಬೆರಳು ಈಗಾಗಲೇ ನೋಂದಣಿಯಾಗಿದೆ: ಹೊಸದನ್ನು ನೋಂದಾಯಿಸಲು &quot;ಬದಲಿಸಿ&quot; ಆಯ್ಕೆಮಾಡಿ.</translation>
    </message>
    <message>
        <source>Type your PIN first.</source>
        <translation>ಮೊದಲು ನಿಮ್ಮ ಪಿನ್ ನಮೂದಿಸಿ.</translation>
    </message>
    <message>
        <source>Checking your PIN…</source>
        <translation>ನಿಮ್ಮ ಪಿನ್ ಪರಿಶೀಲಿಸಲಾಗುತ್ತಿದೆ…</translation>
    </message>
    <message>
        <source>Place the finger on the sensor.</source>
        <translation>ಬೆರಳನ್ನು ಸಂವೇದಕದ ಮೇಲೆ ಇಡಿ.</translation>
    </message>
    <message>
        <source>Lift the finger.</source>
        <translation>ಬೆರಳನ್ನು ಎತ್ತಿ.</translation>
    </message>
    <message>
        <source>Place the same finger again.</source>
        <translation>ಅದೇ ಬೆರಳನ್ನು ಮತ್ತೊಮ್ಮೆ ಇಡಿ.</translation>
    </message>
    <message>
        <source>The finger is kept at this counter. Sending it to the centre…</source>
        <translation>ಬೆರಳನ್ನು ಈ ಕೌಂಟರ್‌ನಲ್ಲಿ ಉಳಿಸಲಾಗಿದೆ. ಕೇಂದ್ರಕ್ಕೆ ಕಳುಹಿಸಲಾಗುತ್ತಿದೆ…</translation>
    </message>
    <message>
        <source>Enrolled: the finger works here now and at any counter after a sync.</source>
        <translation>ನೋಂದಣಿಯಾಗಿದೆ: ಬೆರಳು ಈಗ ಇಲ್ಲಿ ಕೆಲಸ ಮಾಡುತ್ತದೆ, ಸಿಂಕ್ ನಂತರ ಯಾವುದೇ ಕೌಂಟರ್‌ನಲ್ಲೂ ಕೆಲಸ ಮಾಡುತ್ತದೆ.</translation>
    </message>
    <message>
        <source>No finger was placed on the sensor in time. Nothing was enrolled.</source>
        <translation>ಸಮಯದೊಳಗೆ ಸಂವೇದಕದ ಮೇಲೆ ಬೆರಳು ಇಡಲಿಲ್ಲ. ಏನನ್ನೂ ನೋಂದಾಯಿಸಲಾಗಿಲ್ಲ.</translation>
    </message>
    <message>
        <source>The two touches were not of the same finger. Start again.</source>
        <translation>ಎರಡು ಸ್ಪರ್ಶಗಳು ಒಂದೇ ಬೆರಳಿನವಲ್ಲ. ಮತ್ತೆ ಪ್ರಾರಂಭಿಸಿ.</translation>
    </message>
    <message>
        <source>The fingerprint sensor is not connected: check its cable.</source>
        <translation>ಬೆರಳಚ್ಚು ಸಂವೇದಕ ಸಂಪರ್ಕಗೊಂಡಿಲ್ಲ: ಅದರ ಕೇಬಲ್ ಪರಿಶೀಲಿಸಿ.</translation>
    </message>
    <message>
        <source>The fingerprint sensor refused its password: check the sensor settings.</source>
        <translation>ಬೆರಳಚ್ಚು ಸಂವೇದಕ ತನ್ನ ಪಾಸ್‌ವರ್ಡ್ ಅನ್ನು ನಿರಾಕರಿಸಿದೆ: ಸಂವೇದಕದ ಸೆಟ್ಟಿಂಗ್‌ಗಳನ್ನು ಪರಿಶೀಲಿಸಿ.</translation>
    </message>
    <message>
        <source>The finger works at this counter now.</source>
        <translation>ಬೆರಳು ಈಗ ಈ ಕೌಂಟರ್‌ನಲ್ಲಿ ಕೆಲಸ ಮಾಡುತ್ತದೆ.</translation>
    </message>
    <message>
        <source>The centre cannot be reached, so it was not sent: other counters do not have it. Enrol it again here when the centre is back online.</source>
        <translation>ಕೇಂದ್ರವನ್ನು ತಲುಪಲಾಗುತ್ತಿಲ್ಲ, ಆದ್ದರಿಂದ ಅದನ್ನು ಕಳುಹಿಸಿಲ್ಲ: ಇತರ ಕೌಂಟರ್‌ಗಳಲ್ಲಿ ಅದು ಇಲ್ಲ. ಕೇಂದ್ರ ಮತ್ತೆ ಆನ್‌ಲೈನ್ ಆದಾಗ ಇಲ್ಲಿ ಮತ್ತೊಮ್ಮೆ ನೋಂದಾಯಿಸಿ.</translation>
    </message>
    <message>
        <source>The finger works at this counter only.</source>
        <translation>ಬೆರಳು ಈ ಕೌಂಟರ್‌ನಲ್ಲಿ ಮಾತ್ರ ಕೆಲಸ ಮಾಡುತ್ತದೆ.</translation>
    </message>
    <message>
        <source>The centre refused your PIN. Enrol again with your PIN at the centre.</source>
        <translation>ಕೇಂದ್ರವು ನಿಮ್ಮ ಪಿನ್ ಅನ್ನು ನಿರಾಕರಿಸಿದೆ. ಕೇಂದ್ರದಲ್ಲಿರುವ ನಿಮ್ಮ ಪಿನ್‌ನೊಂದಿಗೆ ಮತ್ತೆ ನೋಂದಾಯಿಸಿ.</translation>
    </message>
    <message>
        <source>The centre refused the finger: %1</source>
        <translation>ಕೇಂದ್ರವು ಬೆರಳನ್ನು ನಿರಾಕರಿಸಿದೆ: %1</translation>
    </message>
    <message>
        <source>Wait for the sensor and the centre to finish.</source>
        <translation>ಸಂವೇದಕ ಮತ್ತು ಕೇಂದ್ರ ಮುಗಿಸುವವರೆಗೆ ಕಾಯಿರಿ.</translation>
    </message>
</context>
<context>
    <name>Enrolment</name>
    <message>
        <source>Enrol fingerprint…</source>
        <translation>ಬೆರಳಚ್ಚು ನೋಂದಣಿ…</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Collection counter: log in</source>
        <translation>ಸಂಗ್ರಹಣಾ ಕೌಂಟರ್: ಲಾಗಿನ್</translation>
    </message>
    <message>
        <source>Language (F4):</source>
        <translation>ಭಾಷೆ (F4):</translation>
    </message>
    <message>
        <source>Who is at the counter? (↑ ↓ to choose)</source>
        <translation>ಕೌಂಟರ್‌ನಲ್ಲಿ ಯಾರಿದ್ದಾರೆ? (ಆಯ್ಕೆಗೆ ↑ ↓)</translation>
    </message>
    <message>
        <source>Place finger on the sensor (F2 or Enter)</source>
        <translation>ಸಂವೇದಕದ ಮೇಲೆ ಬೆರಳು ಇಡಿ (F2 ಅಥವಾ Enter)</translation>
    </message>
    <message>
        <source>Or PIN:</source>
        <translation>ಅಥವಾ ಪಿನ್:</translation>
    </message>
    <message>
        <source>Log in with PIN</source>
        <translation>ಪಿನ್ ಮೂಲಕ ಲಾಗಿನ್</translation>
    </message>
    <message>
        <source>Opening the counter…</source>
        <translation>ಕೌಂಟರ್ ತೆರೆಯಲಾಗುತ್ತಿದೆ…</translation>
    </message>
    <message>
        <source>No cashiers are known at this counter yet: connect to the centre once.</source>
        <translation>ಈ ಕೌಂಟರ್‌ನಲ್ಲಿ ಇನ್ನೂ ಯಾವುದೇ ಕ್ಯಾಷಿಯರ್ ದಾಖಲಾಗಿಲ್ಲ: ಒಮ್ಮೆ ಕೇಂದ್ರಕ್ಕೆ ಸಂಪರ್ಕಿಸಿ.</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>ಮೇಲ್ವಿಚಾರಕರು</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>ಕ್ಯಾಷಿಯರ್</translation>
    </message>
    <message>
        <source>Place your finger on the sensor…</source>
        <translation>ಸಂವೇದಕದ ಮೇಲೆ ನಿಮ್ಮ ಬೆರಳು ಇಡಿ…</translation>
    </message>
    <message>
        <source>Type the PIN first.</source>
        <translation>ಮೊದಲು ಪಿನ್ ನಮೂದಿಸಿ.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>TRM collection counter %1</source>
        <translation>TRM ಸಂಗ್ರಹಣಾ ಕೌಂಟರ್ %1</translation>
    </message>
    <message>
        <source>&amp;Counter</source>
        <translation>ಕೌಂಟರ್ (&amp;C)</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>ಸಂಗ್ರಹಣೆ</translation>
    </message>
    <message>
        <source>Day book</source>
        <translation>ದಿನದ ಪುಸ್ತಕ</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>ಈಗ ಸಿಂಕ್ ಮಾಡಿ</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>ಲಾಗ್ ಔಟ್</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>ನಿರ್ಗಮಿಸಿ</translation>
    </message>
    <message>
        <source>Logged in: %1</source>
        <translation>ಲಾಗಿನ್ ಆಗಿದ್ದಾರೆ: %1</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Locked out after too many wrong attempts, until %1.</source>
        <translation>ಹಲವು ತಪ್ಪು ಪ್ರಯತ್ನಗಳಿಂದಾಗಿ %1 ರವರೆಗೆ ಖಾತೆ ಬಂದ್ ಆಗಿದೆ.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>ತಪ್ಪು ಪಿನ್. ಇನ್ನು %n ಪ್ರಯತ್ನ ಉಳಿದಿದೆ.</numerusform>
            <numerusform>ತಪ್ಪು ಪಿನ್. ಇನ್ನು %n ಪ್ರಯತ್ನಗಳು ಉಳಿದಿವೆ.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The finger does not match. %n attempt(s) left.</source>
        <translation>
            <numerusform>ಬೆರಳು ಹೊಂದುತ್ತಿಲ್ಲ. ಇನ್ನು %n ಪ್ರಯತ್ನ ಉಳಿದಿದೆ.</numerusform>
            <numerusform>ಬೆರಳು ಹೊಂದುತ್ತಿಲ್ಲ. ಇನ್ನು %n ಪ್ರಯತ್ನಗಳು ಉಳಿದಿವೆ.</numerusform>
        </translation>
    </message>
    <message>
        <source>No fingerprint is enrolled for this person: use the PIN.</source>
        <translation>ಈ ವ್ಯಕ್ತಿಯ ಬೆರಳಚ್ಚು ನೋಂದಣಿಯಾಗಿಲ್ಲ: ಪಿನ್ ಬಳಸಿ.</translation>
    </message>
    <message>
        <source>A supervisor must approve this.</source>
        <translation>ಇದನ್ನು ಮೇಲ್ವಿಚಾರಕರು ಅನುಮೋದಿಸಬೇಕು.</translation>
    </message>
    <message>
        <source>This person is not allowed at this counter.</source>
        <translation>ಈ ವ್ಯಕ್ತಿಗೆ ಈ ಕೌಂಟರ್‌ನಲ್ಲಿ ಅನುಮತಿ ಇಲ್ಲ.</translation>
    </message>
    <message>
        <source>No finger on the sensor. Place the finger and try again.</source>
        <translation>ಸಂವೇದಕದ ಮೇಲೆ ಬೆರಳು ಇಲ್ಲ. ಬೆರಳು ಇಟ್ಟು ಮತ್ತೆ ಪ್ರಯತ್ನಿಸಿ.</translation>
    </message>
    <message>
        <source>The fingerprint sensor is not connected: use the PIN.</source>
        <translation>ಬೆರಳಚ್ಚು ಸಂವೇದಕ ಸಂಪರ್ಕಗೊಂಡಿಲ್ಲ: ಪಿನ್ ಬಳಸಿ.</translation>
    </message>
    <message>
        <source>The fingerprint sensor refused its password: call the supervisor.</source>
        <translation>ಬೆರಳಚ್ಚು ಸಂವೇದಕ ತನ್ನ ಪಾಸ್‌ವರ್ಡ್ ನಿರಾಕರಿಸಿದೆ: ಮೇಲ್ವಿಚಾರಕರನ್ನು ಕರೆಯಿರಿ.</translation>
    </message>
    <message>
        <source>The fingerprint sensor failed: %1</source>
        <translation>ಬೆರಳಚ್ಚು ಸಂವೇದಕ ವಿಫಲವಾಗಿದೆ: %1</translation>
    </message>
    <message>
        <source>The centre cannot be reached: %1</source>
        <translation>ಕೇಂದ್ರವನ್ನು ಸಂಪರ್ಕಿಸಲಾಗುತ್ತಿಲ್ಲ: %1</translation>
    </message>
    <message>
        <source>The keyring cannot be used: %1</source>
        <translation>ಕೀರಿಂಗ್ ಬಳಸಲಾಗುತ್ತಿಲ್ಲ: %1</translation>
    </message>
    <message>
        <source>The counter&apos;s database cannot be used now: %1</source>
        <translation>ಕೌಂಟರ್‌ನ ದತ್ತಸಂಚಯವನ್ನು ಈಗ ಬಳಸಲಾಗುತ್ತಿಲ್ಲ: %1</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>ಏನೋ ತಪ್ಪಾಗಿದೆ: %1</translation>
    </message>
</context>
<context>
    <name>PaymentForm</name>
    <message>
        <source>&amp;Amount ₹ (F5)</source>
        <translation>ಮೊತ್ತ ₹ (F5) (&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Mode (F6)</source>
        <translation>ಪಾವತಿ ವಿಧಾನ (F6) (&amp;M)</translation>
    </message>
    <message>
        <source>Instrument number</source>
        <translation>ಸಾಧನ ಸಂಖ್ಯೆ</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>ಬ್ಯಾಂಕ್</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>ಶಾಖೆ</translation>
    </message>
    <message>
        <source>Instrument date</source>
        <translation>ಸಾಧನದ ದಿನಾಂಕ</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>ಉಲ್ಲೇಖ ಸಂಖ್ಯೆ</translation>
    </message>
    <message>
        <source>must be more than zero</source>
        <translation>ಸೊನ್ನೆಗಿಂತ ಹೆಚ್ಚಿರಬೇಕು</translation>
    </message>
</context>
<context>
    <name>PaymentMode</name>
    <message>
        <source>Cash</source>
        <translation>ನಗದು</translation>
    </message>
    <message>
        <source>Cheque</source>
        <translation>ಚೆಕ್</translation>
    </message>
    <message>
        <source>Demand draft</source>
        <translation>ಡಿಮ್ಯಾಂಡ್ ಡ್ರಾಫ್ಟ್</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>ಕಾರ್ಡ್</translation>
    </message>
    <message>
        <source>UPI</source>
        <translation>ಯುಪಿಐ</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Give the reason (at least %1 letters).</source>
        <translation>ಕಾರಣ ನೀಡಿ (ಕನಿಷ್ಠ %1 ಅಕ್ಷರಗಳು).</translation>
    </message>
</context>
<context>
    <name>ReceiptsModel</name>
    <message>
        <source>Receipt number</source>
        <translation>ರಶೀದಿ ಸಂಖ್ಯೆ</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>ಸಮಯ</translation>
    </message>
    <message>
        <source>RR number</source>
        <translation>ಆರ್‌ಆರ್ ಸಂಖ್ಯೆ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ಹೆಸರು</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>ಮೊತ್ತ</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>ವಿಧಾನ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ಸ್ಥಿತಿ</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>ರದ್ದಾಗಿದೆ</translation>
    </message>
    <message numerus="yes">
        <source>%n duplicate(s)</source>
        <translation>
            <numerusform>%n ನಕಲು</numerusform>
            <numerusform>%n ನಕಲುಗಳು</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegistrationPage</name>
    <message>
        <source>Register this counter with the centre</source>
        <translation>ಈ ಕೌಂಟರ್ ಅನ್ನು ಕೇಂದ್ರದಲ್ಲಿ ನೋಂದಾಯಿಸಿ</translation>
    </message>
    <message>
        <source>Administrator user name</source>
        <translation>ನಿರ್ವಾಹಕರ ಬಳಕೆದಾರ ಹೆಸರು</translation>
    </message>
    <message>
        <source>Administrator password</source>
        <translation>ನಿರ್ವಾಹಕರ ಪಾಸ್‌ವರ್ಡ್</translation>
    </message>
    <message>
        <source>Centre URL (primary)</source>
        <translation>ಕೇಂದ್ರದ URL (ಮುಖ್ಯ)</translation>
    </message>
    <message>
        <source>Centre URL (disaster recovery)</source>
        <translation>ಕೇಂದ್ರದ URL (ವಿಪತ್ತು ಮರುಸ್ಥಾಪನೆ)</translation>
    </message>
    <message>
        <source>CA bundle file</source>
        <translation>CA ಪ್ರಮಾಣಪತ್ರ ಕಡತ</translation>
    </message>
    <message>
        <source>Counter code</source>
        <translation>ಕೌಂಟರ್ ಸಂಕೇತ</translation>
    </message>
    <message>
        <source>Device code</source>
        <translation>ಸಾಧನ ಸಂಕೇತ</translation>
    </message>
    <message>
        <source>Location code (optional)</source>
        <translation>ಸ್ಥಳ ಸಂಕೇತ (ಐಚ್ಛಿಕ)</translation>
    </message>
    <message>
        <source>Printer connection</source>
        <translation>ಮುದ್ರಕ ಸಂಪರ್ಕ</translation>
    </message>
    <message>
        <source>Printer address, port or name</source>
        <translation>ಮುದ್ರಕದ ವಿಳಾಸ, ಪೋರ್ಟ್ ಅಥವಾ ಹೆಸರು</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>ಕಾಗದ</translation>
    </message>
    <message>
        <source>Fingerprint sensor port</source>
        <translation>ಬೆರಳಚ್ಚು ಸಂವೇದಕದ ಪೋರ್ಟ್</translation>
    </message>
    <message>
        <source>Fingerprint match threshold</source>
        <translation>ಬೆರಳಚ್ಚು ಹೊಂದಾಣಿಕೆಯ ಮಿತಿ</translation>
    </message>
    <message>
        <source>Register (Enter)</source>
        <translation>ನೋಂದಾಯಿಸಿ (Enter)</translation>
    </message>
    <message>
        <source>the centre&apos;s URL is required</source>
        <translation>ಕೇಂದ್ರದ URL ಅಗತ್ಯವಿದೆ</translation>
    </message>
    <message>
        <source>Registering with the centre…</source>
        <translation>ಕೇಂದ್ರದಲ್ಲಿ ನೋಂದಾಯಿಸಲಾಗುತ್ತಿದೆ…</translation>
    </message>
    <message>
        <source>Registered.</source>
        <translation>ನೋಂದಣಿ ಆಗಿದೆ.</translation>
    </message>
</context>
<context>
    <name>RemittanceDialog</name>
    <message>
        <source>Remittance of %1</source>
        <translation>%1 ರ ಜಮಾ</translation>
    </message>
    <message>
        <source>Record the slip</source>
        <translation>ಚೀಟಿ ದಾಖಲಿಸಿ</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>ಹಿಂದೆ (Esc)</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>ಬ್ಯಾಂಕ್</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>ಶಾಖೆ</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>ಖಾತೆ ಸಂಖ್ಯೆ</translation>
    </message>
    <message>
        <source>Pay-in slip number</source>
        <translation>ಜಮಾ ಚೀಟಿ ಸಂಖ್ಯೆ</translation>
    </message>
    <message>
        <source>Deposit date</source>
        <translation>ಜಮಾ ದಿನಾಂಕ</translation>
    </message>
    <message>
        <source>Cash (₹)</source>
        <translation>ನಗದು (₹)</translation>
    </message>
    <message>
        <source>To remit: cash %1, %2 cheque(s)/draft(s) of %3</source>
        <translation>ಜಮಾ ಮಾಡಬೇಕಾದದ್ದು: ನಗದು %1, %3 ಮೊತ್ತದ %2 ಚೆಕ್/ಡ್ರಾಫ್ಟ್</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>Reopen the day book</source>
        <translation>ದಿನದ ಪುಸ್ತಕ ಮತ್ತೆ ತೆರೆಯಿರಿ</translation>
    </message>
    <message>
        <source>Verify at the centre and reopen</source>
        <translation>ಕೇಂದ್ರದಲ್ಲಿ ಪರಿಶೀಲಿಸಿ ಮತ್ತೆ ತೆರೆಯಿರಿ</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>ಹಿಂದೆ (Esc)</translation>
    </message>
    <message>
        <source>Accounts officer (user name)</source>
        <translation>ಲೆಕ್ಕಾಧಿಕಾರಿ (ಬಳಕೆದಾರ ಹೆಸರು)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>ಗುಪ್ತಪದ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>ಕಾರಣ</translation>
    </message>
    <message>
        <source>Only an accounts officer or admin can reopen, online.</source>
        <translation>ಲೆಕ್ಕಾಧಿಕಾರಿ ಅಥವಾ ನಿರ್ವಾಹಕರು ಮಾತ್ರ ಆನ್‌ಲೈನ್‌ನಲ್ಲಿ ಮತ್ತೆ ತೆರೆಯಬಹುದು.</translation>
    </message>
    <message>
        <source>The officer&apos;s user name and password are needed.</source>
        <translation>ಅಧಿಕಾರಿಯ ಬಳಕೆದಾರ ಹೆಸರು ಮತ್ತು ಗುಪ್ತಪದ ಬೇಕು.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>&amp;Search (F3): RR number, account id, name or mobile</source>
        <translation>ಹುಡುಕಿ (F3) (&amp;S): ಆರ್‌ಆರ್ ಸಂಖ್ಯೆ, ಖಾತೆ ಸಂಖ್ಯೆ, ಹೆಸರು ಅಥವಾ ಮೊಬೈಲ್</translation>
    </message>
    <message>
        <source>Type to search (a mobile: all 10 digits); Enter picks; ↓ to the list</source>
        <translation>ಹುಡುಕಲು ಟೈಪ್ ಮಾಡಿ (ಮೊಬೈಲ್: ಎಲ್ಲಾ 10 ಅಂಕಿಗಳು); Enter ಆಯ್ಕೆಮಾಡುತ್ತದೆ; ಪಟ್ಟಿಗೆ ↓</translation>
    </message>
    <message>
        <source>Not in this counter&apos;s list. Enter asks the centre (pay anywhere).</source>
        <translation>ಈ ಕೌಂಟರ್‌ನ ಪಟ್ಟಿಯಲ್ಲಿ ಇಲ್ಲ. Enter ಒತ್ತಿದರೆ ಕೇಂದ್ರವನ್ನು ಕೇಳುತ್ತದೆ (ಎಲ್ಲಿಯಾದರೂ ಪಾವತಿ).</translation>
    </message>
    <message>
        <source>Asking the centre for %1…</source>
        <translation>%1 ಬಗ್ಗೆ ಕೇಂದ್ರವನ್ನು ಕೇಳಲಾಗುತ್ತಿದೆ…</translation>
    </message>
    <message>
        <source>The centre has no consumer %1.</source>
        <translation>ಕೇಂದ್ರದಲ್ಲಿ %1 ಗ್ರಾಹಕರು ಇಲ್ಲ.</translation>
    </message>
    <message>
        <source>Offline: %1 is taken as typed; check the name with the payer.</source>
        <translation>ಆಫ್‌ಲೈನ್: %1 ಅನ್ನು ಟೈಪ್ ಮಾಡಿದಂತೆಯೇ ತೆಗೆದುಕೊಳ್ಳಲಾಗಿದೆ; ಪಾವತಿದಾರರೊಂದಿಗೆ ಹೆಸರನ್ನು ಪರಿಶೀಲಿಸಿ.</translation>
    </message>
</context>
</TS>
