import { el, optionalEl, writeXml } from '../../../src/soap/xml-writer';

const A = 'http://service.bm.dk/Booking/2020/02/01/';
const B = 'http://rep.oio.dk/ams.dk/xml/schemas/2005/09/01/';

describe('writeXml', () => {
  it('When a child is in its parent namespace, then it declares nothing; where the namespace changes, it is declared as the default (for that subtree only)', () => {
    const xml = writeXml(
      el(A, 'Booking', [
        el(A, 'BookingIdentifier', 'b-1'),
        el(B, 'MeetingOrganisation', [el(B, 'OrganisationCode', '75100')]),
        el(A, 'SelfBooked', false),
      ]),
    );
    expect(xml).toBe(
      `<Booking xmlns="${A}"><BookingIdentifier>b-1</BookingIdentifier>` +
        `<MeetingOrganisation xmlns="${B}"><OrganisationCode>75100</OrganisationCode></MeetingOrganisation>` +
        `<SelfBooked>false</SelfBooked></Booking>`,
    );
  });

  it('When text holds markup characters, then they are escaped; quotes in text are left as they are', () => {
    expect(writeXml(el(A, 'MeetingLocation', 'Vej 1 & 2 <bag> "A"'))).toBe(
      `<MeetingLocation xmlns="${A}">Vej 1 &amp; 2 &lt;bag&gt; "A"</MeetingLocation>`,
    );
  });

  it('When a namespace holds characters special in an attribute, then the declaration escapes them', () => {
    expect(writeXml(el('urn:a"b&c', 'X', 1))).toBe('<X xmlns="urn:a&quot;b&amp;c">1</X>');
  });

  it('When an optional value is absent, then there is no element', () => {
    expect(writeXml(el(A, 'Booking', [...optionalEl(A, 'CaseworkerName', undefined)]))).toBe(
      `<Booking xmlns="${A}"></Booking>`,
    );
  });
});
